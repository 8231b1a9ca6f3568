package io.sage4j.cpu;

/** Matrix transposition in 16×16 blocks, so that both the reads and the strided writes stay within cache lines. */
final class Transpose {
    private Transpose() {}

    private static final int BLOCK = 16;

    /** {@code dst[dstOff + c·ld + t] = src[srcOff + t·dim + c]} for t &lt; tokens, c &lt; dim. */
    static void rows(float[] src, int srcOff, int tokens, int dim, float[] dst, int dstOff, int ld) {
        for (int t0 = 0; t0 < tokens; t0 += BLOCK) {
            int t1 = Math.min(tokens, t0 + BLOCK);
            for (int c0 = 0; c0 < dim; c0 += BLOCK) {
                int c1 = Math.min(dim, c0 + BLOCK);
                for (int t = t0; t < t1; t++) {
                    int from = srcOff + t * dim;
                    for (int c = c0; c < c1; c++) {
                        dst[dstOff + c * ld + t] = src[from + c];
                    }
                }
            }
        }
    }

    /**
     * Transposition into key tiles: {@code dst[dstOff + ((t / tile)·dim + c)·tile + t % tile] = src[srcOff + t·dim + c]}.
     * Each tile of keys becomes one contiguous {@code [dim][tile]} panel, so the score kernel reads rows 512 bytes
     * apart instead of a whole sequence apart (same-set strides that thrash the L1 cache).
     */
    static void toTiles(float[] src, int srcOff, int tokens, int dim, float[] dst, int dstOff, int tile) {
        for (int t0 = 0; t0 < tokens; t0 += BLOCK) {
            int t1 = Math.min(tokens, t0 + BLOCK);
            for (int c0 = 0; c0 < dim; c0 += BLOCK) {
                int c1 = Math.min(dim, c0 + BLOCK);
                for (int t = t0; t < t1; t++) {
                    int from = srcOff + t * dim;
                    int to = dstOff + (t / tile) * dim * tile + t % tile;
                    for (int c = c0; c < c1; c++) {
                        dst[to + c * tile] = src[from + c];
                    }
                }
            }
        }
    }
}
