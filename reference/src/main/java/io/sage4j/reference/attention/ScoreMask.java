package io.sage4j.reference.attention;

/**
 * The causal mask and the user mask of one call combined into one additive term per score, so that every
 * algorithm masks the same keys: {@code 0} (visible), a finite bias, or −∞ (masked).
 */
final class ScoreMask {
    private final AttentionShape shape;
    private final boolean causal;
    private final CausalAlignment alignment;
    private final AttentionMask userMask;

    ScoreMask(AttentionShape shape, AttentionOptions options) {
        this.shape = shape;
        this.causal = options.causal();
        this.alignment = options.alignment();
        this.userMask = options.mask();
    }

    /** Additive term of score (b, query head h, query i, key j). */
    float biasAt(int b, int h, int i, int j) {
        if (causal && !alignment.visible(i, j, shape.tokensQ(), shape.tokensK())) {
            return Float.NEGATIVE_INFINITY;
        }
        return userMask == null ? 0f : userMask.biasAt(b, h, i, j);
    }

    /**
     * Keys past this index are masked for query i by the causal rule alone (kernels skip those tiles);
     * {@code Nk − 1} when not causal, negative when query i sees no key.
     */
    long lastCausalKey(int i) {
        long last = shape.tokensK() - 1L;
        return causal ? Math.min(last, alignment.lastVisibleKey(i, shape.tokensQ(), shape.tokensK())) : last;
    }
}
