package io.sage4j.reference.attention;

/**
 * Options of one attention call.
 *
 * @param causal    apply a causal mask aligned by {@code alignment}
 * @param alignment where the causal diagonal sits when Nq ≠ Nk (ignored unless causal)
 * @param smScale   softmax scale, finite and &gt; 0, or null for the default {@code 1/sqrt(D)} (as a float)
 * @param mask      user mask (boolean or additive), or null; combined with the causal mask when both are set
 * @param returnLse also return the log-sum-exp (natural log) of every score row, {@code [B, Hq, Nq]}
 */
public record AttentionOptions(boolean causal, CausalAlignment alignment, Float smScale, AttentionMask mask,
                               boolean returnLse) {
    /** Non-causal, default scale, no mask, no LSE. */
    public static final AttentionOptions DEFAULT =
            new AttentionOptions(false, CausalAlignment.TOP_LEFT, null, null, false);

    public AttentionOptions {
        Args.requireNonNull("alignment", alignment);
        if (smScale != null && !(Float.isFinite(smScale) && smScale > 0f)) {
            throw new IllegalArgumentException("smScale must be finite and > 0 (or null for 1/sqrt(D)), got " + smScale);
        }
    }

    /** These options with a causal mask of the given alignment. */
    public AttentionOptions withCausal(CausalAlignment alignment) {
        return new AttentionOptions(true, alignment, smScale, mask, returnLse);
    }

    /** These options with an explicit softmax scale. */
    public AttentionOptions withSmScale(float scale) {
        return new AttentionOptions(causal, alignment, scale, mask, returnLse);
    }

    /** These options with a user mask. */
    public AttentionOptions withMask(AttentionMask userMask) {
        return new AttentionOptions(causal, alignment, smScale, userMask, returnLse);
    }

    /** These options with the LSE returned. */
    public AttentionOptions withLse() {
        return new AttentionOptions(causal, alignment, smScale, mask, true);
    }

    /**
     * The softmax scale used for head dimension {@code headDim}: the explicit one, else {@code 1/sqrt(D)}
     * rounded once to float. Every algorithm, the exact one included, uses this float value.
     */
    public float resolvedScale(int headDim) {
        return smScale != null ? smScale : (float) (1.0 / Math.sqrt(headDim));
    }
}
