package io.sage4j.reference.quant;

/**
 * SageAttention3's two-level quantization of the softmax probabilities P (paper Alg. 1,
 * specs/algorithms.md §2.4.3), in IEEE binary32. P̃ is a row-major {@code [rows][cols]} block of
 * un-normalised probabilities (≥ 0), cols a multiple of 16.
 * <pre>
 *   level 1, per row:  rowMax = max_j P̃[i][j];  rowScale = rowMax / 2688 (stored);
 *                      P₂ = (P̃ / rowMax) · 2688, or P̃ · 0 when rowMax = 0   — so max P₂ = 448·6
 *   level 2, per 16:   NVFP4 single-level IEEE of P₂ ({@link Nvfp4Quantizer#singleLevelIeee})
 * </pre>
 * Level 1 stretches each row onto the whole UE4M3 × E2M1 range, so the block scales of level 2 use
 * E4M3's normal range instead of collapsing into its subnormals. P̃ is divided by the row max before it is
 * multiplied by 2688: a multiplier 2688 / rowMax would overflow to infinity for a row max below about
 * 7.9e-36 (a tile whose scores lie ~117 log2 units under the running max) and turn zeros into NaN. A fully masked 16-group (all zeros)
 * gets scale 0 and codes 0: P̂ = 0. Value of (i, j): {@code e2m1 · ue4m3 · rowScale[i]}.
 */
public final class TwoLevelPQuantizer {
    /** The result: per-row scales and the NVFP4 blocks of P₂. */
    public record Result(float[] rowScales, Nvfp4Tensor blocks) {
        /** Dequantized P̃, row-major. */
        public float[] dequantize() {
            float[] p = blocks.dequantize();
            int cols = blocks.cols();
            for (int i = 0; i < p.length; i++) {
                p[i] *= rowScales[i / cols];
            }
            return p;
        }
    }

    private TwoLevelPQuantizer() {}

    /** Level 1 for one row: {@code out[i] = (p[i] / rowMax) · 2688}, or {@code p[i] · 0} when rowMax is 0. */
    public static void stretchRow(float[] p, int from, int count, float rowMax, float[] out) {
        for (int i = from; i < from + count; i++) {
            out[i] = rowMax == 0f ? p[i] * 0f : p[i] / rowMax * Nvfp4Quantizer.RANGE;
        }
    }

    /** Quantizes P̃; every element must be ≥ 0 or NaN. */
    public static Result quantize(float[] p, int rows, int cols) {
        Nvfp4Quantizer.checkShape(p, rows, cols);
        float[] rowScales = new float[rows];
        float[] stretched = new float[p.length];
        for (int r = 0; r < rows; r++) {
            int from = r * cols;
            for (int i = from; i < from + cols; i++) {
                if (p[i] < 0) {
                    throw new IllegalArgumentException("p[" + r + "][" + (i - from) + "] = " + p[i]
                            + ": probabilities must be >= 0");
                }
            }
            float rowMax = BlockMax.absMax(p, from, cols);
            rowScales[r] = rowMax / Nvfp4Quantizer.RANGE;
            stretchRow(p, from, cols, rowMax, stretched);
        }
        return new Result(rowScales, Nvfp4Quantizer.singleLevelIeee(stretched, rows, cols));
    }
}
