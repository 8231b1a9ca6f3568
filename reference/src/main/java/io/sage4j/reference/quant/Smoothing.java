package io.sage4j.reference.quant;

/**
 * Smoothing: subtracting a per-channel mean before quantization so that outliers shared by all tokens do
 * not eat the quantization range (SageAttention §4.2, SageAttention2 §3.1, specs/algorithms.md §2.2).
 *
 * <ul>
 *   <li>K smoothing is exact for attention: {@code softmax(q·(k_j − km)) = softmax(q·k_j − q·km)}, and
 *       {@code q·km} is constant along a softmax row.</li>
 *   <li>Q smoothing is compensated: with {@code qm} the mean of a block of query tokens,
 *       {@code q·k_j = (q − qm)·k_j + qm·k_j}; the second term {@code ΔS[block][j]} is added back to the
 *       scores (SageAttention3).</li>
 *   <li>V smoothing is exact because each normalised row of P sums to 1: {@code P(V − vm) + vm = PV}.</li>
 * </ul>
 *
 * <p>Means are defined so that a GPU kernel can reproduce them bit for bit and still read a long sequence
 * with many threads: the tokens are cut into chunks of {@value #CHUNK_TOKENS}; each chunk is summed in
 * ascending token order in float64; the chunk sums are added in ascending chunk order in float64; the total
 * is divided by the token count in float64 and rounded once to float32. Subtraction is in float32.
 */
public final class Smoothing {
    /** Tokens per chunk of the float64 mean (see the class comment). */
    public static final int CHUNK_TOKENS = 256;

    private Smoothing() {}

    /** Per-channel mean over all tokens of each head: x {@code [heads][tokens][dim]} → {@code [heads][dim]}. */
    public static float[] channelMeans(float[] x, int heads, int tokens, int dim) {
        requireShape(heads, tokens, dim);
        Shapes.requireLength("x", x, (long) heads * tokens * dim, "[" + heads + "][" + tokens + "][" + dim + "]");
        return blockMeans(x, heads, tokens, dim, tokens);
    }

    /**
     * Per-channel mean of each block of {@code blockTokens} consecutive tokens of each head (the last block
     * averages the tokens it has): x {@code [heads][tokens][dim]} → {@code [heads][ceil(tokens/blockTokens)][dim]}.
     */
    public static float[] blockMeans(float[] x, int heads, int tokens, int dim, int blockTokens) {
        requireShape(heads, tokens, dim);
        Shapes.requirePositive("blockTokens", blockTokens);
        Shapes.requireLength("x", x, (long) heads * tokens * dim, "[" + heads + "][" + tokens + "][" + dim + "]");
        int blocks = (tokens + blockTokens - 1) / blockTokens;
        float[] means = new float[heads * blocks * dim];
        for (int h = 0; h < heads; h++) {
            for (int b = 0; b < blocks; b++) {
                int first = b * blockTokens;
                int count = Math.min(blockTokens, tokens - first);
                for (int c = 0; c < dim; c++) {
                    double sum = 0;
                    for (int chunk = first; chunk < first + count; chunk += CHUNK_TOKENS) {
                        double part = 0;
                        for (int t = chunk; t < Math.min(chunk + CHUNK_TOKENS, first + count); t++) {
                            part += x[(h * tokens + t) * dim + c];
                        }
                        sum += part;
                    }
                    means[(h * blocks + b) * dim + c] = (float) (sum / count);
                }
            }
        }
        return means;
    }

    /** {@code x − means}, per channel, in float32: x {@code [heads][tokens][dim]}, means {@code [heads][dim]}. */
    public static float[] subtractChannelMeans(float[] x, int heads, int tokens, int dim, float[] means) {
        return subtractBlockMeans(x, heads, tokens, dim, tokens, means);
    }

    /** {@code x − means[block(t)]} in float32; means as {@link #blockMeans} returns them. */
    public static float[] subtractBlockMeans(float[] x, int heads, int tokens, int dim, int blockTokens, float[] means) {
        requireShape(heads, tokens, dim);
        Shapes.requirePositive("blockTokens", blockTokens);
        Shapes.requireLength("x", x, (long) heads * tokens * dim, "[" + heads + "][" + tokens + "][" + dim + "]");
        int blocks = (tokens + blockTokens - 1) / blockTokens;
        Shapes.requireLength("means", means, (long) heads * blocks * dim, "[" + heads + "][" + blocks + "][" + dim + "]");
        float[] out = new float[x.length];
        for (int h = 0; h < heads; h++) {
            for (int t = 0; t < tokens; t++) {
                int row = (h * tokens + t) * dim;
                int meanRow = (h * blocks + t / blockTokens) * dim;
                for (int c = 0; c < dim; c++) {
                    out[row + c] = x[row + c] - means[meanRow + c];
                }
            }
        }
        return out;
    }

    /**
     * The compensation of Q smoothing: {@code ΔS[h][b][j] = qm[h][b] · k[h][j]}, the dot product in float64
     * (ascending channel order), rounded once to float32. qm {@code [heads][qBlocks][dim]}, k
     * {@code [heads][keys][dim]} → {@code [heads][qBlocks][keys]}. For grouped-query attention pass the
     * key head that each query head reads.
     */
    public static float[] deltaS(float[] qBlockMeans, int heads, int qBlocks, float[] k, int keys, int dim) {
        requireShape(heads, keys, dim);
        Shapes.requirePositive("qBlocks", qBlocks);
        Shapes.requireLength("qBlockMeans", qBlockMeans, (long) heads * qBlocks * dim,
                "[" + heads + "][" + qBlocks + "][" + dim + "]");
        Shapes.requireLength("k", k, (long) heads * keys * dim, "[" + heads + "][" + keys + "][" + dim + "]");
        float[] out = new float[heads * qBlocks * keys];
        for (int h = 0; h < heads; h++) {
            for (int b = 0; b < qBlocks; b++) {
                int meanRow = (h * qBlocks + b) * dim;
                for (int j = 0; j < keys; j++) {
                    int keyRow = (h * keys + j) * dim;
                    double dot = 0;
                    for (int c = 0; c < dim; c++) {
                        dot += (double) qBlockMeans[meanRow + c] * k[keyRow + c];
                    }
                    out[(h * qBlocks + b) * keys + j] = (float) dot;
                }
            }
        }
        return out;
    }

    private static void requireShape(int heads, int tokens, int dim) {
        Shapes.requirePositive("heads", heads);
        Shapes.requirePositive("tokens", tokens);
        Shapes.requirePositive("dim", dim);
    }
}
