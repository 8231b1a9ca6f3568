package io.sage4j.spi;

import io.sage4j.Algorithm;
import io.sage4j.NonFinitePolicy;
import io.sage4j.QuantGranularity;
import io.sage4j.Tensor;
import io.sage4j.reference.attention.AttentionOptions;
import io.sage4j.reference.attention.CausalAlignment;
import io.sage4j.reference.attention.CuSeqlens;
import io.sage4j.reference.attention.Layout;

/**
 * One variable-length call as a backend receives it, validated: packed q {@code [totalQ, Hq, D]}, k and v
 * {@code [totalK, Hkv, D]} (layout NHD; HND puts the head first: {@code [H, T, D]}), sequence s owning query rows {@code [cuSeqlensQ[s], cuSeqlensQ[s+1])} and key rows
 * {@code [cuSeqlensK[s], cuSeqlensK[s+1])}. Each sequence is an independent attention (its own smoothing means
 * and scales, its own causal diagonal), as {@code io.sage4j.reference.attention.VarlenAttention} defines.
 *
 * @param maxSeqlenQ ≥ the longest query sequence (GPU backends size their grids with it)
 * @param maxSeqlenK ≥ the longest key sequence
 */
public record VarlenCall(Tensor q, Tensor k, Tensor v, CuSeqlens cuSeqlens, int maxSeqlenQ, int maxSeqlenK,
                         int heads, int kvHeads, int headDim, Layout layout, Algorithm algorithm, QuantGranularity granularity,
                         boolean causal, CausalAlignment alignment, float smScale, boolean returnLse,
                         NonFinitePolicy nonFinite) {
    public VarlenCall {
        if (q == null || k == null || v == null || cuSeqlens == null || layout == null || algorithm == null
                || alignment == null || nonFinite == null) {
            throw new IllegalArgumentException("q, k, v, cuSeqlens, layout, algorithm, alignment and nonFinite must not be null");
        }
    }

    /** The options as the reference algorithms take them (varlen has no user mask). */
    public AttentionOptions referenceOptions() {
        return new AttentionOptions(causal, alignment, smScale, null, returnLse);
    }
}
