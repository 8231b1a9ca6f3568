package io.sage4j;

import io.sage4j.reference.attention.AttentionShape;
import io.sage4j.reference.attention.Layout;
import io.sage4j.spi.AttentionCall;

/** Turns the arguments of {@code sageattn} into a validated {@link AttentionCall}, or says what is wrong. */
final class DenseCallValidator {
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private DenseCallValidator() {}

    static AttentionCall validate(Tensor q, Tensor k, Tensor v, SageAttentionOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null; start from SageAttentionOptions.defaults()");
        }
        CallChecks.requireTensor("q", q);
        CallChecks.requireTensor("k", k);
        CallChecks.requireTensor("v", v);
        Layout layout = options.layout();
        String order = layout == Layout.HND ? "HND [B, H, N, D]" : "NHD [B, N, H, D]";
        CallChecks.requireRank("q", q, 4, order);
        CallChecks.requireRank("k", k, 4, order);
        CallChecks.requireRank("v", v, 4, order);
        CallChecks.requireSameKind(q, k, v);
        int[] qs = q.shape();
        int[] ks = k.shape();
        if (!java.util.Arrays.equals(ks, v.shape())) {
            throw new IllegalArgumentException("v has shape " + java.util.Arrays.toString(v.shape())
                    + " but k has " + java.util.Arrays.toString(ks) + "; k and v must have the same shape");
        }
        int hAxis = layout == Layout.HND ? 1 : 2;
        int nAxis = layout == Layout.HND ? 2 : 1;
        int batch = qs[0];
        int heads = qs[hAxis];
        int tokensQ = qs[nAxis];
        int headDim = qs[3];
        if (ks[0] != batch) {
            throw new IllegalArgumentException("k has batch " + ks[0] + " but q has " + batch
                    + "; q, k and v must have the same batch size B (dimension 0)");
        }
        if (ks[3] != headDim) {
            throw new IllegalArgumentException("k has head dim " + ks[3] + " but q has " + headDim
                    + "; q, k and v must have the same head dim D (dimension 3)");
        }
        int kvHeads = ks[hAxis];
        int tokensK = ks[nAxis];
        CallChecks.requireHeads(heads, kvHeads);
        CallChecks.requireHeadDim(headDim, options.algorithm());
        if (q.elementCount() > MAX_ARRAY || k.elementCount() > MAX_ARRAY) {
            throw new IllegalArgumentException("q " + q.describe() + " or k " + k.describe() + " holds more than "
                    + MAX_ARRAY + " elements; split the batch");
        }
        QuantGranularity granularity = CallChecks.granularity(options);
        CallChecks.requireCausalLengths(options, tokensQ, tokensK, "");
        Mask mask = options.mask();
        if (mask != null && !mask.fits(batch, heads, tokensQ, tokensK)) {
            throw new IllegalArgumentException("mask has shape " + mask.describe() + " but this call needs [B=" + batch
                    + ", Hq=" + heads + ", Nq=" + tokensQ + ", Nk=" + tokensK + "] or broadcast [Nq=" + tokensQ
                    + ", Nk=" + tokensK + "]");
        }
        String[] names = layout == Layout.HND ? new String[] {"b", "h", "n", "d"} : new String[] {"b", "n", "h", "d"};
        CallChecks.requireFinite("q", q, options, names);
        CallChecks.requireFinite("k", k, options, names);
        CallChecks.requireFinite("v", v, options, names);
        AttentionShape shape = new AttentionShape(batch, heads, kvHeads, tokensQ, tokensK, headDim);
        return new AttentionCall(q, k, v, shape, layout, options.algorithm(), granularity, options.causal(),
                options.causalAlignment(), CallChecks.resolvedScale(options, headDim), mask, options.returnLse(),
                options.nonFinite());
    }
}
