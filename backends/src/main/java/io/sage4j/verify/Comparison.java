package io.sage4j.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * Accumulates byte-for-byte comparisons of GPU outputs with reference outputs: how many arrays and
 * bytes were compared, how many differed, and the first few differences with the case that caused them.
 */
public final class Comparison {
    private static final int MAX_EXAMPLES = 10;
    private long arrays;
    private long bytes;
    private long mismatchedArrays;
    private final List<String> examples = new ArrayList<>();

    /** Compares two byte arrays. */
    public void bytes(String what, TensorCase source, byte[] expected, byte[] actual) {
        arrays++;
        bytes += expected.length;
        int first = firstDifference(expected, actual);
        if (first >= 0) {
            fail(what, source, first < 0 ? "" : "byte " + first + ": expected 0x"
                    + Integer.toHexString(expected.length > first ? expected[first] & 0xFF : -1) + ", got 0x"
                    + Integer.toHexString(actual.length > first ? actual[first] & 0xFF : -1)
                    + " (lengths " + expected.length + "/" + actual.length + ")");
        }
    }

    /**
     * Compares two float arrays bit for bit, except that any NaN equals any NaN: the GPU's NaN results
     * carry payload 0x7fffffff where Java's carry 0x7fc00000, and no sage4j output gives NaN payloads a meaning.
     */
    public void floats(String what, TensorCase source, float[] expected, float[] actual) {
        arrays++;
        bytes += 4L * expected.length;
        if (expected.length != actual.length) {
            fail(what, source, "lengths " + expected.length + "/" + actual.length);
            return;
        }
        for (int i = 0; i < expected.length; i++) {
            boolean same = Float.floatToRawIntBits(expected[i]) == Float.floatToRawIntBits(actual[i])
                    || (Float.isNaN(expected[i]) && Float.isNaN(actual[i]));
            if (!same) {
                fail(what, source, "element " + i + ": expected " + expected[i] + " (0x"
                        + Integer.toHexString(Float.floatToRawIntBits(expected[i])) + "), got " + actual[i] + " (0x"
                        + Integer.toHexString(Float.floatToRawIntBits(actual[i])) + ")");
                return;
            }
        }
    }

    private void fail(String what, TensorCase source, String detail) {
        mismatchedArrays++;
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(what + " of " + source + ": " + detail);
        }
    }

    private static int firstDifference(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return a.length == b.length ? -1 : n;
    }

    public long arrays() {
        return arrays;
    }

    public long bytes() {
        return bytes;
    }

    public long mismatches() {
        return mismatchedArrays;
    }

    public List<String> examples() {
        return List.copyOf(examples);
    }
}
