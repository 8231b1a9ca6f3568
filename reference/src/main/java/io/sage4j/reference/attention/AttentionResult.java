package io.sage4j.reference.attention;

/**
 * The output of an attention call: {@code output} in the inputs' layout ({@code [B, Hq, Nq, D]} or
 * {@code [B, Nq, Hq, D]}), and the natural-log LSE {@code [B, Hq, Nq]} when requested (else null).
 * Fully masked rows have output 0 and LSE −∞.
 */
public record AttentionResult(float[] output, float[] lse) {}
