package io.sage4j;

import io.sage4j.reference.attention.AttentionMask;
import java.util.Objects;

/**
 * A user mask over the attention scores, either per score {@code [B, Hq, Nq, Nk]} or broadcast {@code [Nq, Nk]}
 * (shared by every batch entry and head), row-major.
 * <ul>
 *   <li><b>Boolean</b> ({@link #keep}): {@code true} keeps the key, {@code false} masks it (PyTorch
 *       {@code scaled_dot_product_attention} semantics).</li>
 *   <li><b>Additive</b> ({@link #additive}): added to the natural-log score {@code smScale·q·k}; −∞ masks the key.
 *       NaN and +∞ are rejected.</li>
 * </ul>
 * A row with no visible key (every key masked) gets output 0 and LSE −∞. The arrays are copied.
 */
public final class Mask {
    private final boolean[] keep;
    private final float[] bias;
    private final boolean broadcast;
    private final int batch;
    private final int heads;
    private final int tokensQ;
    private final int tokensK;

    private Mask(boolean[] keep, float[] bias, boolean broadcast, int batch, int heads, int tokensQ, int tokensK) {
        this.keep = keep;
        this.bias = bias;
        this.broadcast = broadcast;
        this.batch = batch;
        this.heads = heads;
        this.tokensQ = tokensQ;
        this.tokensK = tokensK;
    }

    /** Boolean mask {@code [batch][heads][tokensQ][tokensK]}; {@code true} keeps the key. */
    public static Mask keep(boolean[] keep, int batch, int heads, int tokensQ, int tokensK) {
        checkLength("keep", Objects.requireNonNull(keep, "keep").length, batch, heads, tokensQ, tokensK, false);
        return new Mask(keep.clone(), null, false, batch, heads, tokensQ, tokensK);
    }

    /** Boolean mask {@code [tokensQ][tokensK]} shared by every batch entry and head. */
    public static Mask keepBroadcast(boolean[] keep, int tokensQ, int tokensK) {
        checkLength("keep", Objects.requireNonNull(keep, "keep").length, 1, 1, tokensQ, tokensK, true);
        return new Mask(keep.clone(), null, true, 1, 1, tokensQ, tokensK);
    }

    /** Additive mask {@code [batch][heads][tokensQ][tokensK]}: finite values or −∞. */
    public static Mask additive(float[] bias, int batch, int heads, int tokensQ, int tokensK) {
        checkLength("bias", Objects.requireNonNull(bias, "bias").length, batch, heads, tokensQ, tokensK, false);
        checkBias(bias);
        return new Mask(null, bias.clone(), false, batch, heads, tokensQ, tokensK);
    }

    /** Additive mask {@code [tokensQ][tokensK]} shared by every batch entry and head: finite values or −∞. */
    public static Mask additiveBroadcast(float[] bias, int tokensQ, int tokensK) {
        checkLength("bias", Objects.requireNonNull(bias, "bias").length, 1, 1, tokensQ, tokensK, true);
        checkBias(bias);
        return new Mask(null, bias.clone(), true, 1, 1, tokensQ, tokensK);
    }

    public boolean isBoolean() {
        return keep != null;
    }

    public boolean isBroadcast() {
        return broadcast;
    }

    /** B of a per-score mask (1 when broadcast). */
    public int batch() {
        return batch;
    }

    /** Hq of a per-score mask (1 when broadcast). */
    public int heads() {
        return heads;
    }

    public int tokensQ() {
        return tokensQ;
    }

    public int tokensK() {
        return tokensK;
    }

    /** Whether this mask fits a call of these sizes (per-score: all four; broadcast: Nq and Nk). */
    public boolean fits(int callBatch, int callHeads, int callTokensQ, int callTokensK) {
        return tokensQ == callTokensQ && tokensK == callTokensK
                && (broadcast || (batch == callBatch && heads == callHeads));
    }

    /** The additive term of score (b, h, i, j): 0 (kept), the bias, or −∞ (masked). */
    public float biasAt(int b, int h, int i, int j) {
        int index = broadcast ? i * tokensK + j : ((b * heads + h) * tokensQ + i) * tokensK + j;
        if (keep != null) {
            return keep[index] ? 0f : Float.NEGATIVE_INFINITY;
        }
        return bias[index];
    }

    /**
     * The whole mask as additive terms (0 or the bias, −∞ where masked), row-major
     * {@code [B·Hq][Nq][Nk]}, or {@code [Nq][Nk]} when broadcast: a fresh array.
     */
    public float[] additiveTerms() {
        if (bias != null) {
            return bias.clone();
        }
        float[] terms = new float[keep.length];
        for (int i = 0; i < terms.length; i++) {
            terms[i] = keep[i] ? 0f : Float.NEGATIVE_INFINITY;
        }
        return terms;
    }

    /** The same mask as the reference algorithms take it. */
    public AttentionMask toReference() {
        if (keep != null) {
            return broadcast ? AttentionMask.keepBroadcast(keep, tokensQ, tokensK)
                    : AttentionMask.keep(keep, batch, heads, tokensQ, tokensK);
        }
        return broadcast ? AttentionMask.additiveBroadcast(bias, tokensQ, tokensK)
                : AttentionMask.additive(bias, batch, heads, tokensQ, tokensK);
    }

    /** {@code boolean [B=2, Hq=8, Nq=128, Nk=128]} or {@code additive broadcast [Nq=.., Nk=..]}. */
    public String describe() {
        String kind = keep != null ? "boolean" : "additive";
        return broadcast ? kind + " broadcast [Nq=" + tokensQ + ", Nk=" + tokensK + "]"
                : kind + " [B=" + batch + ", Hq=" + heads + ", Nq=" + tokensQ + ", Nk=" + tokensK + "]";
    }

    @Override
    public String toString() {
        return "Mask " + describe();
    }

    private static void checkLength(String name, int length, int batch, int heads, int tokensQ, int tokensK,
                                    boolean broadcast) {
        String dims = broadcast ? "[Nq=" + tokensQ + ", Nk=" + tokensK + "]"
                : "[B=" + batch + ", Hq=" + heads + ", Nq=" + tokensQ + ", Nk=" + tokensK + "]";
        if (batch <= 0 || heads <= 0 || tokensQ <= 0 || tokensK <= 0) {
            throw new IllegalArgumentException("mask shape " + dims + " must have every extent >= 1");
        }
        long expected = (long) batch * heads * tokensQ * tokensK;
        if (length != expected) {
            throw new IllegalArgumentException(name + " has " + length + " elements but the mask shape " + dims
                    + " needs " + expected);
        }
    }

    private static void checkBias(float[] bias) {
        for (int i = 0; i < bias.length; i++) {
            if (Float.isNaN(bias[i]) || bias[i] == Float.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("bias[" + i + "] = " + bias[i]
                        + ": additive mask terms must be finite, or -Infinity to mask the key");
            }
        }
    }
}
