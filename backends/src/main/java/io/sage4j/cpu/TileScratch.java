package io.sage4j.cpu;

import jdk.incubator.vector.FloatVector;

/** One thread's working memory for the attention tile loop, allocated once per call and thread. */
final class TileScratch {
    /** Query rows per task (a multiple of {@link HeadMajorCall#ROW_GROUP} and of {@link Lanes#L}). */
    static final int BLOCK_ROWS = 64;
    /** Keys per tile: the reference algorithms' CTA_K / kvTile. */
    static final int TILE_KEYS = 128;

    final float[] scores = new float[BLOCK_ROWS * TILE_KEYS];
    final float[] probabilities = new float[BLOCK_ROWS * TILE_KEYS];
    final float[] logBias = new float[TILE_KEYS];
    final float[] row = new float[TILE_KEYS];
    final float[] blockScales = new float[TILE_KEYS / Nvfp4Quantization.BLOCK];
    final float[] product;
    final float[] acc;
    final float[] rowMax = new float[BLOCK_ROWS];
    final float[] newMax = new float[BLOCK_ROWS];
    final float[] alpha = new float[BLOCK_ROWS];
    final float[] rowSum = new float[BLOCK_ROWS];
    final float[] rowScale = new float[BLOCK_ROWS];

    TileScratch(int dim) {
        product = new float[BLOCK_ROWS * dim];
        acc = new float[BLOCK_ROWS * dim];
    }

    /**
     * The online softmax's rescale factors α = 2^(m − m') of the first {@code rows} rows into {@link #alpha}, from
     * {@link #rowMax} (m) and {@link #newMax} (m'): with the reference's ex2 ({@code exact}) or {@link Exp2#fast}.
     * Rows without a visible key so far (m' = −∞) get α = 1: the tile leaves them unchanged.
     */
    void rescaleFactors(int rows, boolean exact) {
        int padded = (rows + Lanes.L - 1) / Lanes.L * Lanes.L;
        for (int r = 0; r < padded; r += Lanes.L) {
            FloatVector.fromArray(Lanes.F, rowMax, r).sub(FloatVector.fromArray(Lanes.F, newMax, r)).intoArray(row, r);
        }
        if (exact) {
            Exp2.exact(row, 0, padded, alpha, 0);
        } else {
            Exp2.fast(row, 0, padded, alpha, 0);
        }
        for (int r = 0; r < rows; r++) {
            if (newMax[r] == Float.NEGATIVE_INFINITY) {
                alpha[r] = 1f;
            }
        }
    }

    /** O ← O·α + tile product, for the first {@code rows} rows of {@link #acc} and {@link #product}. */
    void accumulate(int rows, int dim) {
        for (int r = 0; r < rows; r++) {
            FloatVector a = FloatVector.broadcast(Lanes.F, alpha[r]);
            for (int ch = 0; ch < dim; ch += Lanes.L) {
                int at = r * dim + ch;
                FloatVector.fromArray(Lanes.F, acc, at).mul(a).add(FloatVector.fromArray(Lanes.F, product, at))
                        .intoArray(acc, at);
            }
        }
    }

    /** Keys rounded up to whole tiles. */
    static int paddedKeys(int tokensK) {
        return (tokensK + TILE_KEYS - 1) / TILE_KEYS * TILE_KEYS;
    }
}
