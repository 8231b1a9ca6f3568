package io.sage4j.reference.attention;

import io.sage4j.reference.quant.Mxfp4Quantizer;
import io.sage4j.reference.quant.Mxfp4Tensor;
import io.sage4j.reference.quant.Nvfp4Quantizer;
import io.sage4j.reference.quant.Nvfp4Tensor;
import io.sage4j.reference.quant.TwoLevelPQuantizer;

/**
 * Which FP4 microscaling format and quantizer {@link SageAttention3Algorithm} uses for Q, K, V and P.
 * P always gets the two-level scheme: level 1 stretches each row of a KV tile so its max is 2688 = 448·6
 * ({@code TwoLevelPQuantizer}); level 2 is the variant's block quantizer.
 */
public enum Fp4Variant {
    /** NVFP4, {@code Nvfp4Quantizer.singleLevelIeee}: what sage4j's kernels compute. The default. */
    NVFP4,
    /** NVFP4 with upstream SageAttention3's fast-math Q/K/V quantizer ({@code Nvfp4Quantizer.sageAttention3}). */
    NVFP4_UPSTREAM_FAST_MATH,
    /** MXFP4 with the OCP scale rule ({@code Mxfp4Quantizer}, FLOOR): the SA3 paper's MXFP4 ablation. */
    MXFP4_OCP_FLOOR,
    /** MXFP4 with NVIDIA's scale rule ({@code Mxfp4Quantizer}, RCEIL). */
    MXFP4_NVIDIA_RCEIL;

    /** Elements per block scale: 16 (NVFP4) or 32 (MXFP4). */
    public int blockSize() {
        return isNvfp4() ? Nvfp4Tensor.BLOCK : Mxfp4Tensor.BLOCK;
    }

    /** Quantizes a row-major {@code [rows][cols]} matrix along its rows; cols a multiple of {@link #blockSize}. */
    public Fp4Matrix quantize(float[] x, int rows, int cols) {
        return switch (this) {
            case NVFP4 -> new Fp4Matrix.Nvfp4(Nvfp4Quantizer.singleLevelIeee(x, rows, cols));
            case NVFP4_UPSTREAM_FAST_MATH -> new Fp4Matrix.Nvfp4(Nvfp4Quantizer.sageAttention3(x, rows, cols));
            case MXFP4_OCP_FLOOR -> new Fp4Matrix.Mxfp4(Mxfp4Quantizer.quantize(x, rows, cols,
                    Mxfp4Quantizer.ScaleRule.OCP_FLOOR));
            case MXFP4_NVIDIA_RCEIL -> new Fp4Matrix.Mxfp4(Mxfp4Quantizer.quantize(x, rows, cols,
                    Mxfp4Quantizer.ScaleRule.NVIDIA_RCEIL));
        };
    }

    /**
     * Two-level quantization of un-normalised probabilities {@code [rows][cols]} (≥ 0). NVFP4 variants:
     * exactly {@code TwoLevelPQuantizer} (IEEE; upstream's P path is not modelled). MXFP4 variants: the same
     * level 1, then this variant's MXFP4 quantizer.
     */
    public QuantizedProbabilities quantizeProbabilities(float[] p, int rows, int cols) {
        if (isNvfp4()) {
            TwoLevelPQuantizer.Result result = TwoLevelPQuantizer.quantize(p, rows, cols);
            return new QuantizedProbabilities(result.rowScales(), new Fp4Matrix.Nvfp4(result.blocks()));
        }
        float[] rowScales = new float[rows];
        float[] stretched = new float[p.length];
        for (int r = 0; r < rows; r++) {
            float rowMax = 0f;
            for (int c = 0; c < cols; c++) {
                rowMax = Math.max(rowMax, p[r * cols + c]);
            }
            rowScales[r] = rowMax / Nvfp4Quantizer.RANGE;
            TwoLevelPQuantizer.stretchRow(p, r * cols, cols, rowMax, stretched);
        }
        return new QuantizedProbabilities(rowScales, quantize(stretched, rows, cols));
    }

    private boolean isNvfp4() {
        return this == NVFP4 || this == NVFP4_UPSTREAM_FAST_MATH;
    }
}
