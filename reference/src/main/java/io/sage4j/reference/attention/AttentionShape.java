package io.sage4j.reference.attention;

/**
 * Sizes of one attention call (specs/algorithms.md §1.1 "Common rules").
 *
 * @param batch    B, ≥ 1
 * @param heads    query heads Hq, ≥ 1
 * @param kvHeads  key/value heads Hkv, ≥ 1, dividing Hq: Hkv = Hq is multi-head attention, 1 &lt; Hkv &lt; Hq
 *                 grouped-query (GQA), Hkv = 1 multi-query (MQA)
 * @param tokensQ  query tokens Nq, ≥ 1
 * @param tokensK  key/value tokens Nk, ≥ 1
 * @param headDim  D, in [{@value #MIN_HEAD_DIM}, {@value #MAX_HEAD_DIM}]
 */
public record AttentionShape(int batch, int heads, int kvHeads, int tokensQ, int tokensK, int headDim) {
    /** Smallest supported head dimension. */
    public static final int MIN_HEAD_DIM = 32;
    /** Largest supported head dimension. */
    public static final int MAX_HEAD_DIM = 256;

    public AttentionShape {
        Args.requirePositive("batch", batch);
        Args.requirePositive("heads", heads);
        Args.requirePositive("kvHeads", kvHeads);
        Args.requirePositive("tokensQ", tokensQ);
        Args.requirePositive("tokensK", tokensK);
        Args.requireInRange("headDim", headDim, MIN_HEAD_DIM, MAX_HEAD_DIM);
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("heads (" + heads + ") must be a multiple of kvHeads (" + kvHeads
                    + ") for grouped-query attention, got heads % kvHeads = " + (heads % kvHeads));
        }
        // Every tensor must fit one Java array; the score matrix of one head is never materialised.
        requireArraySized("q", (long) batch * heads * tokensQ * headDim);
        requireArraySized("k and v", (long) batch * kvHeads * tokensK * headDim);
    }

    /** Multi-head attention: Hkv = Hq. */
    public static AttentionShape mha(int batch, int heads, int tokensQ, int tokensK, int headDim) {
        return new AttentionShape(batch, heads, heads, tokensQ, tokensK, headDim);
    }

    /** Query heads that share one key/value head, Hq / Hkv. */
    public int groupSize() {
        return heads / kvHeads;
    }

    /** The key/value head query head {@code h} reads: {@code h / (Hq/Hkv)} (upstream {@code head_id / num_kv_groups}). */
    public int kvHeadOf(int h) {
        return h / groupSize();
    }

    /** Elements of q and of the output. */
    public int queryElements() {
        return batch * heads * tokensQ * headDim;
    }

    /** Elements of k and of v. */
    public int keyElements() {
        return batch * kvHeads * tokensK * headDim;
    }

    private static void requireArraySized(String what, long elements) {
        if (elements > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(what + " would hold " + elements
                    + " elements; at most " + (Integer.MAX_VALUE - 8) + " fit one array");
        }
    }
}
