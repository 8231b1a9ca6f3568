package io.sage4j.reference.attention;

/**
 * One KV tile of two-level quantized probabilities: per row the level-1 scale ({@code rowMax/2688}), and the
 * FP4 blocks of the stretched row. Value of (i, j): {@code element · blockScale · rowScales[i]}.
 */
public record QuantizedProbabilities(float[] rowScales, Fp4Matrix blocks) {}
