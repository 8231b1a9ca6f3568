package io.sage4j.reference.attention;

/**
 * A user mask over the scores, either full {@code [B, Hq, Nq, Nk]} or broadcast {@code [Nq, Nk]}
 * (the same for every batch entry and head), row-major.
 *
 * <ul>
 *   <li><b>Boolean</b> ({@link #keep}): {@code true} = the key takes part, {@code false} = it is masked
 *       (PyTorch {@code scaled_dot_product_attention} semantics).</li>
 *   <li><b>Additive</b> ({@link #additive}): a float added to the natural-log score
 *       {@code smScale·q·k} before the softmax; −∞ masks the key. NaN and +∞ are rejected. (Upstream's
 *       Triton path adds a float mask in the log2 domain without multiplying by log2 e, §2.3.4; this
 *       reference uses the SDPA meaning.)</li>
 * </ul>
 * A row whose every key is masked has output 0 and LSE −∞ (see {@link ExactAttention}).
 */
public final class AttentionMask {
    private final boolean[] keep;
    private final float[] bias;
    private final boolean broadcast;
    private final int batch;
    private final int heads;
    private final int tokensQ;
    private final int tokensK;

    private AttentionMask(boolean[] keep, float[] bias, boolean broadcast, int batch, int heads, int tokensQ,
                          int tokensK) {
        this.keep = keep;
        this.bias = bias;
        this.broadcast = broadcast;
        this.batch = batch;
        this.heads = heads;
        this.tokensQ = tokensQ;
        this.tokensK = tokensK;
    }

    /** Boolean mask {@code [batch][heads][tokensQ][tokensK]}; {@code true} keeps the key. */
    public static AttentionMask keep(boolean[] keep, int batch, int heads, int tokensQ, int tokensK) {
        checkLength("keep", Args.requireNonNull("keep", keep).length, batch, heads, tokensQ, tokensK, false);
        return new AttentionMask(keep.clone(), null, false, batch, heads, tokensQ, tokensK);
    }

    /** Boolean mask {@code [tokensQ][tokensK]} shared by every batch entry and head. */
    public static AttentionMask keepBroadcast(boolean[] keep, int tokensQ, int tokensK) {
        checkLength("keep", Args.requireNonNull("keep", keep).length, 1, 1, tokensQ, tokensK, true);
        return new AttentionMask(keep.clone(), null, true, 1, 1, tokensQ, tokensK);
    }

    /** Additive mask {@code [batch][heads][tokensQ][tokensK]}: finite values or −∞. */
    public static AttentionMask additive(float[] bias, int batch, int heads, int tokensQ, int tokensK) {
        checkLength("bias", Args.requireNonNull("bias", bias).length, batch, heads, tokensQ, tokensK, false);
        checkBiasValues(bias);
        return new AttentionMask(null, bias.clone(), false, batch, heads, tokensQ, tokensK);
    }

    /** Additive mask {@code [tokensQ][tokensK]} shared by every batch entry and head: finite values or −∞. */
    public static AttentionMask additiveBroadcast(float[] bias, int tokensQ, int tokensK) {
        checkLength("bias", Args.requireNonNull("bias", bias).length, 1, 1, tokensQ, tokensK, true);
        checkBiasValues(bias);
        return new AttentionMask(null, bias.clone(), true, 1, 1, tokensQ, tokensK);
    }

    /** Whether this mask is boolean (else additive). */
    public boolean isBoolean() {
        return keep != null;
    }

    /** Whether this mask is {@code [Nq, Nk]}, shared by all batch entries and heads. */
    public boolean isBroadcast() {
        return broadcast;
    }

    /** Throws if this mask does not fit {@code shape}. */
    void requireFits(AttentionShape shape) {
        boolean fits = tokensQ == shape.tokensQ() && tokensK == shape.tokensK()
                && (broadcast || (batch == shape.batch() && heads == shape.heads()));
        if (!fits) {
            throw new IllegalArgumentException("options.mask has shape " + describe() + " but the call needs "
                    + "[B=" + shape.batch() + ", Hq=" + shape.heads() + ", Nq=" + shape.tokensQ() + ", Nk="
                    + shape.tokensK() + "] or broadcast [Nq=" + shape.tokensQ() + ", Nk=" + shape.tokensK() + "]");
        }
    }

    /** The additive term of score (b, h, i, j): 0 or a finite bias, or −∞ when the key is masked. */
    float biasAt(int b, int h, int i, int j) {
        int index = broadcast ? i * tokensK + j : ((b * heads + h) * tokensQ + i) * tokensK + j;
        if (keep != null) {
            return keep[index] ? 0f : Float.NEGATIVE_INFINITY;
        }
        return bias[index];
    }

    private String describe() {
        return broadcast ? "[Nq=" + tokensQ + ", Nk=" + tokensK + "]"
                : "[B=" + batch + ", Hq=" + heads + ", Nq=" + tokensQ + ", Nk=" + tokensK + "]";
    }

    private static void checkLength(String name, int length, int batch, int heads, int tokensQ, int tokensK,
                                    boolean broadcast) {
        Args.requirePositive("batch", batch);
        Args.requirePositive("heads", heads);
        Args.requirePositive("tokensQ", tokensQ);
        Args.requirePositive("tokensK", tokensK);
        long expected = (long) batch * heads * tokensQ * tokensK;
        if (length != expected) {
            String shape = broadcast ? "[Nq=" + tokensQ + ", Nk=" + tokensK + "]"
                    : "[B=" + batch + ", Hq=" + heads + ", Nq=" + tokensQ + ", Nk=" + tokensK + "]";
            throw new IllegalArgumentException(name + " has " + length + " elements but the mask shape " + shape
                    + " needs " + expected);
        }
    }

    private static void checkBiasValues(float[] bias) {
        for (int i = 0; i < bias.length; i++) {
            float value = bias[i];
            if (Float.isNaN(value) || value == Float.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("bias[" + i + "] = " + value
                        + ": an additive mask holds finite values or -Infinity");
            }
        }
    }
}
