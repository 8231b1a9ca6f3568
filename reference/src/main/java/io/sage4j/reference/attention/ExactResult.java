package io.sage4j.reference.attention;

/**
 * Exact attention in float64: {@code output} in the inputs' layout, and the natural-log LSE
 * {@code [B, Hq, Nq]} (always computed). Fully masked rows have output 0 and LSE −∞.
 */
public record ExactResult(double[] output, double[] lse) {
    /** Both rounded once to float32 (LSE only when {@code withLse}). */
    public AttentionResult toFloat(boolean withLse) {
        float[] out = new float[output.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) output[i];
        }
        float[] l = null;
        if (withLse) {
            l = new float[lse.length];
            for (int i = 0; i < l.length; i++) {
                l[i] = (float) lse[i];
            }
        }
        return new AttentionResult(out, l);
    }
}
