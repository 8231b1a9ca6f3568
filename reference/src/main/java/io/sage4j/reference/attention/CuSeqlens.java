package io.sage4j.reference.attention;

/**
 * Cumulative sequence lengths of a packed variable-length batch ({@code sageattn_varlen}, specs/algorithms.md
 * §1.1): sequence s has queries {@code [q[s], q[s+1])} and keys {@code [k[s], k[s+1])} of the packed
 * tensors. Both arrays have one entry per sequence plus one, start at 0 and never decrease; a sequence may
 * be empty. The last entries must equal the packed token counts (checked by {@link VarlenAttention}).
 */
public record CuSeqlens(int[] q, int[] k) {
    public CuSeqlens {
        check("cuSeqlensQ", q);
        check("cuSeqlensK", k);
        if (q.length != k.length) {
            throw new IllegalArgumentException("cuSeqlensQ has " + q.length + " entries and cuSeqlensK "
                    + k.length + ": both must hold sequences + 1 entries");
        }
        q = q.clone();
        k = k.clone();
    }

    /** Number of sequences. */
    public int sequences() {
        return q.length - 1;
    }

    /** Packed query tokens, the last entry of cuSeqlensQ. */
    public int totalQ() {
        return q[q.length - 1];
    }

    /** Packed key tokens, the last entry of cuSeqlensK. */
    public int totalK() {
        return k[k.length - 1];
    }

    @Override
    public int[] q() {
        return q.clone();
    }

    @Override
    public int[] k() {
        return k.clone();
    }

    int startQ(int s) {
        return q[s];
    }

    int lengthQ(int s) {
        return q[s + 1] - q[s];
    }

    int startK(int s) {
        return k[s];
    }

    int lengthK(int s) {
        return k[s + 1] - k[s];
    }

    private static void check(String name, int[] cu) {
        Args.requireNonNull(name, cu);
        if (cu.length < 2) {
            throw new IllegalArgumentException(name + " must hold at least 2 entries (sequences + 1), got "
                    + cu.length);
        }
        if (cu[0] != 0) {
            throw new IllegalArgumentException(name + "[0] must be 0, got " + cu[0]);
        }
        for (int s = 1; s < cu.length; s++) {
            if (cu[s] < cu[s - 1]) {
                throw new IllegalArgumentException(name + " must be non-decreasing, but " + name + "[" + s + "] = "
                        + cu[s] + " < " + name + "[" + (s - 1) + "] = " + cu[s - 1]);
            }
        }
    }
}
