package io.sage4j.fp4cuda;

import io.sage4j.reference.quant.Nvfp4Quantizer;
import io.sage4j.reference.quant.Nvfp4Tensor;
import io.sage4j.reference.quant.Smoothing;
import io.sage4j.verify.Comparison;
import io.sage4j.verify.TensorCase;
import io.sage4j.verify.TensorCases;
import io.sage4j.verify.VerificationResult;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Verification ladder level 2 for fp4-cuda: the GPU NVFP4 quantizers (rows of Q/K with K or Q
 * smoothing, transposed V) against the Java reference, byte for byte, over seeded random and adversarial
 * cases. Needs an open CUDA context.
 */
public final class Fp4CudaVerification {
    private static final int[] MEAN_BLOCKS = {0, 0, 128, 64};  // 0: none; else Q-style block means (K: all tokens)
    private static final int[] PADS = {16, 64, 128};

    private Fp4CudaVerification() {}

    /** Runs {@code cases} cases per quantizer; {@code progress} receives each finished case index. */
    public static List<VerificationResult> run(Fp4CudaQuantizers gpu, int cases, long seed, IntConsumer progress) {
        Comparison rows = new Comparison();
        Comparison transposed = new Comparison();
        long rowsNanos = 0;
        long transposedNanos = 0;
        for (int i = 0; i < cases; i++) {
            TensorCase c = TensorCases.generate(seed, i, 16);
            SplittableRandom choice = new SplittableRandom(c.seed());
            Nvfp4Variant variant = Nvfp4Variant.values()[choice.nextInt(2)];
            int meanBlock = MEAN_BLOCKS[choice.nextInt(MEAN_BLOCKS.length)];
            if (meanBlock == 0 && choice.nextBoolean()) {
                meanBlock = c.tokens();  // K smoothing: one mean over all tokens
            }
            long t0 = System.nanoTime();
            float[] input = c.values();
            float[] means = null;
            if (meanBlock > 0) {
                means = Smoothing.blockMeans(input, c.heads(), c.tokens(), c.dim(), meanBlock);
                input = Smoothing.subtractBlockMeans(input, c.heads(), c.tokens(), c.dim(), meanBlock, means);
            }
            Nvfp4Tensor expected = reference(input, c.heads() * c.tokens(), c.dim(), variant);
            Fp4CudaQuantizers.Smoothed actual = gpu.quantizeRows(c.values(), c.heads(), c.tokens(), c.dim(), meanBlock, variant);
            String label = "nvfp4 rows " + variant + (meanBlock > 0 ? " means/" + meanBlock : "");
            rows.bytes(label + " codes", c, expected.codes(), actual.tensor().codes());
            rows.bytes(label + " scales", c, expected.scales(), actual.tensor().scales());
            if (means != null) {
                rows.floats(label + " means", c, means, actual.means());
            }
            long t1 = System.nanoTime();
            int pad = PADS[choice.nextInt(PADS.length)];
            int padded = (c.tokens() + pad - 1) / pad * pad;
            float[] vt = transpose(c.values(), c.heads(), c.tokens(), c.dim(), padded);
            Nvfp4Tensor expectedV = reference(vt, c.heads() * c.dim(), padded, variant);
            Nvfp4Tensor actualV = gpu.quantizeTransposed(c.values(), c.heads(), c.tokens(), c.dim(), pad, variant);
            String vLabel = "nvfp4 V^T " + variant + " pad " + pad;
            transposed.bytes(vLabel + " codes", c, expectedV.codes(), actualV.codes());
            transposed.bytes(vLabel + " scales", c, expectedV.scales(), actualV.scales());
            long t2 = System.nanoTime();
            rowsNanos += t1 - t0;
            transposedNanos += t2 - t1;
            progress.accept(i);
        }
        return List.of(
                VerificationResult.of("fp4-cuda sage4j_quant_nvfp4_rows (+ sage4j_block_means)",
                        "Nvfp4Quantizer.singleLevelIeee/sageAttention3 (+ Smoothing.blockMeans)", cases, rows, rowsNanos),
                VerificationResult.of("fp4-cuda sage4j_quant_nvfp4_transposed",
                        "transpose + Nvfp4Quantizer.singleLevelIeee/sageAttention3", cases, transposed, transposedNanos));
    }

    private static Nvfp4Tensor reference(float[] x, int rows, int cols, Nvfp4Variant variant) {
        return variant == Nvfp4Variant.IEEE ? Nvfp4Quantizer.singleLevelIeee(x, rows, cols)
                : Nvfp4Quantizer.sageAttention3(x, rows, cols);
    }

    /** [heads][tokens][dim] → [heads][dim][padded], zeros in the padding. */
    static float[] transpose(float[] v, int heads, int tokens, int dim, int padded) {
        float[] out = new float[heads * dim * padded];
        for (int h = 0; h < heads; h++) {
            for (int t = 0; t < tokens; t++) {
                for (int c = 0; c < dim; c++) {
                    out[(h * dim + c) * padded + t] = v[(h * tokens + t) * dim + c];
                }
            }
        }
        return out;
    }
}
