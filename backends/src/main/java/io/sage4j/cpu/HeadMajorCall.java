package io.sage4j.cpu;

import io.sage4j.reference.attention.AttentionShape;
import io.sage4j.reference.attention.CausalAlignment;

/**
 * One dense call as the cpu-vector kernels read it: float32 q {@code [B·Hq][qRows][D]} (rows past Nq zero), k and
 * v {@code [B·Hkv][Nk][D]}, and the masking rules.
 *
 * @param qRows       Nq rounded up to a multiple of 4 (the kernels' row group)
 * @param maskTerms   the user mask as additive terms (−∞ masked), {@code [B·Hq][Nq][Nk]} or {@code [Nq][Nk]}, or null
 * @param smScale     the resolved softmax scale
 */
record HeadMajorCall(AttentionShape shape, int qRows, float[] q, float[] k, float[] v, boolean causal,
                     CausalAlignment alignment, float smScale, float[] maskTerms, boolean maskBroadcast,
                     boolean returnLse) {
    /** Row groups of the matrix kernels. */
    static final int ROW_GROUP = 4;

    static int paddedRows(int tokensQ) {
        return (tokensQ + ROW_GROUP - 1) / ROW_GROUP * ROW_GROUP;
    }

    /** The last key query i may see (causal rule and Nk), −1 or less when none. */
    int lastVisibleKey(int i) {
        int last = shape.tokensK() - 1;
        if (!causal) {
            return last;
        }
        return (int) Math.max(-1, Math.min(last, alignment.lastVisibleKey(i, shape.tokensQ(), shape.tokensK())));
    }

    /** Offset of the mask row of (b, h, i) in {@link #maskTerms}. */
    int maskRow(int b, int h, int i) {
        int nk = shape.tokensK();
        return maskBroadcast ? i * nk : ((b * shape.heads() + h) * shape.tokensQ() + i) * nk;
    }
}
