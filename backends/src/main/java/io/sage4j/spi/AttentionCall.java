package io.sage4j.spi;

import io.sage4j.Algorithm;
import io.sage4j.Mask;
import io.sage4j.NonFinitePolicy;
import io.sage4j.QuantGranularity;
import io.sage4j.Tensor;
import io.sage4j.reference.attention.AttentionOptions;
import io.sage4j.reference.attention.AttentionShape;
import io.sage4j.reference.attention.CausalAlignment;
import io.sage4j.reference.attention.Layout;

/**
 * One dense attention call as a backend receives it, after {@code SageAttention} validated it: shapes agree,
 * the dtype is shared, the mask fits, inputs are finite unless {@code nonFinite} is ALLOW, and every option is
 * resolved (scale, granularity).
 *
 * @param q           {@code [B, Hq, Nq, D]} (HND) or {@code [B, Nq, Hq, D]} (NHD)
 * @param k           {@code [B, Hkv, Nk, D]} or {@code [B, Nk, Hkv, D]}
 * @param v           same shape as k
 * @param shape       the sizes
 * @param layout      the memory order of q, k, v and of the output
 * @param algorithm   what to compute
 * @param granularity INT8 grouping for sage2-int8 (never null there); null for the other algorithms
 * @param causal      causal mask on
 * @param alignment   the causal diagonal's alignment
 * @param smScale     the softmax scale (resolved: explicit, or {@code (float) (1/sqrt(D))})
 * @param mask        user mask fitting the shape, or null
 * @param returnLse   return the LSE
 * @param nonFinite   the NaN policy the inputs were checked with
 */
public record AttentionCall(Tensor q, Tensor k, Tensor v, AttentionShape shape, Layout layout, Algorithm algorithm,
                            QuantGranularity granularity, boolean causal, CausalAlignment alignment, float smScale,
                            Mask mask, boolean returnLse, NonFinitePolicy nonFinite) {
    public AttentionCall {
        if (q == null || k == null || v == null || shape == null || layout == null || algorithm == null
                || alignment == null || nonFinite == null) {
            throw new IllegalArgumentException("q, k, v, shape, layout, algorithm, alignment and nonFinite must not be null");
        }
    }

    /** The options as the reference algorithms take them (the user mask converted). */
    public AttentionOptions referenceOptions() {
        return new AttentionOptions(causal, alignment, smScale, mask == null ? null : mask.toReference(), returnLse);
    }
}
