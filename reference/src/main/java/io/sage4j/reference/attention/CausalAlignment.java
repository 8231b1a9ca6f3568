package io.sage4j.reference.attention;

/**
 * Where the causal diagonal sits when Nq ≠ Nk. With Nq = Nk both are the usual "query i sees keys j ≤ i".
 *
 * <ul>
 *   <li>{@link #TOP_LEFT}: query i sees keys {@code j ≤ i} — SageAttention's mask (specs/algorithms.md §1.1,
 *       {@code apply_causal_mask}; PyTorch's {@code is_causal}). With Nq &gt; Nk the last Nq − Nk queries see
 *       every key; with Nq &lt; Nk the last keys are seen by nobody.</li>
 *   <li>{@link #BOTTOM_RIGHT}: query i sees keys {@code j ≤ i + Nk − Nq} — the last query sees every key, as in
 *       decoding with a KV cache (FlashAttention ≥ 2.1, SageAttention3 §2.4.3 on padded lengths). With
 *       Nq &gt; Nk the first Nq − Nk queries see no key: their rows are fully masked (output 0, LSE −∞).</li>
 * </ul>
 */
public enum CausalAlignment {
    TOP_LEFT,
    BOTTOM_RIGHT;

    /** The largest key index query {@code i} may see (negative when it sees none). */
    public long lastVisibleKey(int i, int tokensQ, int tokensK) {
        return switch (this) {
            case TOP_LEFT -> i;
            case BOTTOM_RIGHT -> (long) i + tokensK - tokensQ;
        };
    }

    /** Whether query {@code i} may see key {@code j}. */
    public boolean visible(int i, int j, int tokensQ, int tokensK) {
        return j <= lastVisibleKey(i, tokensQ, tokensK);
    }
}
