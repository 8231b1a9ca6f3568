package io.sage4j.reference.attention;

import java.util.Arrays;

/**
 * Variable-length attention over packed tokens: q {@code [totalQ, Hq, D]}, k and v {@code [totalK, Hkv, D]},
 * with the sequences delimited by {@link CuSeqlens}. Each sequence runs as an independent call of the
 * algorithm (batch 1, NHD), so per-sequence statistics — K smoothing means, Q block means, token-group
 * scales — are those of the sequence alone. (Upstream {@code sageattn_varlen} takes one K mean over all
 * packed tokens, §2.2.1; softmax is shift-invariant per row, so both are exact, but the quantized bytes
 * differ.) Causal alignment applies per sequence.
 *
 * <p>Output {@code [totalQ, Hq, D]}; LSE {@code [Hq, totalQ]} (FlashAttention's varlen layout) when
 * requested. A sequence with queries but no keys has output 0 and LSE −∞. A user mask is not supported
 * (its {@code [Nq, Nk]} shape is per sequence).
 */
public final class VarlenAttention {
    private VarlenAttention() {}

    public static AttentionResult compute(AttentionAlgorithm algorithm, float[] q, float[] k, float[] v,
                                          int heads, int kvHeads, int headDim, CuSeqlens cuSeqlens,
                                          AttentionOptions options) {
        Args.requireNonNull("algorithm", algorithm);
        Args.requireNonNull("cuSeqlens", cuSeqlens);
        Args.requireNonNull("options", options);
        if (options.mask() != null) {
            throw new IllegalArgumentException("options.mask must be null for varlen attention (a mask's "
                    + "[Nq, Nk] shape cannot cover sequences of different lengths)");
        }
        // Validates heads, kvHeads and headDim with the usual messages.
        new AttentionShape(1, heads, kvHeads, 1, 1, headDim);
        int totalQ = cuSeqlens.totalQ();
        int totalK = cuSeqlens.totalK();
        Args.requireTensor("q", q, (long) totalQ * heads * headDim,
                "q [totalQ=" + totalQ + " (cuSeqlensQ's last entry), Hq=" + heads + ", D=" + headDim + "]");
        Args.requireTensor("k", k, (long) totalK * kvHeads * headDim,
                "k [totalK=" + totalK + " (cuSeqlensK's last entry), Hkv=" + kvHeads + ", D=" + headDim + "]");
        Args.requireTensor("v", v, (long) totalK * kvHeads * headDim,
                "v [totalK=" + totalK + " (cuSeqlensK's last entry), Hkv=" + kvHeads + ", D=" + headDim + "]");

        float[] out = new float[q.length];
        float[] lse = options.returnLse() ? new float[heads * totalQ] : null;
        int qRow = heads * headDim;
        int kRow = kvHeads * headDim;
        for (int s = 0; s < cuSeqlens.sequences(); s++) {
            int nq = cuSeqlens.lengthQ(s);
            int nk = cuSeqlens.lengthK(s);
            int q0 = cuSeqlens.startQ(s);
            if (nq == 0) {
                continue;
            }
            if (nk == 0) {  // nothing to attend to: output stays 0
                if (lse != null) {
                    for (int h = 0; h < heads; h++) {
                        Arrays.fill(lse, h * totalQ + q0, h * totalQ + q0 + nq, Float.NEGATIVE_INFINITY);
                    }
                }
                continue;
            }
            int k0 = cuSeqlens.startK(s);
            AttentionShape shape = new AttentionShape(1, heads, kvHeads, nq, nk, headDim);
            AttentionInputs inputs = new AttentionInputs(shape, Layout.NHD,
                    Arrays.copyOfRange(q, q0 * qRow, (q0 + nq) * qRow),
                    Arrays.copyOfRange(k, k0 * kRow, (k0 + nk) * kRow),
                    Arrays.copyOfRange(v, k0 * kRow, (k0 + nk) * kRow), options);
            AttentionResult result = algorithm.compute(inputs);
            System.arraycopy(result.output(), 0, out, q0 * qRow, nq * qRow);
            if (lse != null) {
                for (int h = 0; h < heads; h++) {
                    System.arraycopy(result.lse(), h * nq, lse, h * totalQ + q0, nq);
                }
            }
        }
        return new AttentionResult(out, lse);
    }
}
