package io.sage4j.cpu;

/**
 * What a cpu-vector algorithm computed, head-major: output {@code [B·Hq][Nq][D]}, and per row
 * {@code [B·Hq·Nq]} the natural-log LSE (null unless asked), the final running max m and sum d of the online
 * softmax (in each algorithm's own log2 domain, as the reference's intermediates define them).
 */
record AttentionOutcome(float[] output, float[] lse, float[] rowMax, float[] rowSum) {}
