package io.sage4j;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The NaN policy's scan: finds the first NaN or ±∞ element of a host tensor by its raw bits (an all-ones
 * exponent field), reading 8 bytes at a time so that a scan costs about one pass over memory.
 */
final class FiniteScan {
    private FiniteScan() {}

    /** Index of the first non-finite element, or −1. */
    static long firstNonFinite(HostTensor tensor) {
        return switch (tensor.dtype()) {
            case FP32 -> scan(tensor.segment(), tensor.elementCount(), 32, 0x7F80_0000L);
            case FP16 -> scan(tensor.segment(), tensor.elementCount(), 16, 0x7C00L);
            case BF16 -> scan(tensor.segment(), tensor.elementCount(), 16, 0x7F80L);
        };
    }

    private static long scan(MemorySegment s, long n, int elementBits, long exponentMask) {
        int perWord = 64 / elementBits;
        long laneMasks = 0;  // the exponent mask repeated in every lane of a word
        for (int lane = 0; lane < perWord; lane++) {
            laneMasks |= exponentMask << (lane * elementBits);
        }
        long words = n / perWord;
        long w = 0;
        for (; w + 4 <= words; w += 4) {  // four words per step; lanes are tested only when one may hit
            long a = s.get(ValueLayout.JAVA_LONG_UNALIGNED, w * 8) & laneMasks;
            long b = s.get(ValueLayout.JAVA_LONG_UNALIGNED, w * 8 + 8) & laneMasks;
            long c = s.get(ValueLayout.JAVA_LONG_UNALIGNED, w * 8 + 16) & laneMasks;
            long d = s.get(ValueLayout.JAVA_LONG_UNALIGNED, w * 8 + 24) & laneMasks;
            if (mayHit(a, exponentMask, elementBits) || mayHit(b, exponentMask, elementBits)
                    || mayHit(c, exponentMask, elementBits) || mayHit(d, exponentMask, elementBits)) {
                long at = firstIn(s, w * perWord, (w + 4) * perWord, elementBits, exponentMask);
                if (at >= 0) {
                    return at;
                }
            }
        }
        return firstIn(s, w * perWord, n, elementBits, exponentMask);
    }

    /** Whether some lane of the masked word has every exponent bit set. */
    private static boolean mayHit(long masked, long exponentMask, int elementBits) {
        for (int shift = 0; shift < 64; shift += elementBits) {
            if ((masked >>> shift & exponentMask) == exponentMask) {
                return true;
            }
        }
        return false;
    }

    private static long firstIn(MemorySegment s, long from, long to, int elementBits, long exponentMask) {
        for (long i = from; i < to; i++) {
            long bits = elementBits == 32 ? s.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i)
                    : s.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i);
            if ((bits & exponentMask) == exponentMask) {
                return i;
            }
        }
        return -1;
    }
}
