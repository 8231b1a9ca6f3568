package io.sage4j.int8cuda;

import io.sage4j.reference.quant.Fp8VQuantizer;
import io.sage4j.reference.quant.Fp8VTensor;
import io.sage4j.reference.quant.Int8Quantizer;
import io.sage4j.reference.quant.Int8Tensor;
import io.sage4j.reference.quant.Smoothing;
import io.sage4j.reference.quant.TokenGrouping;
import io.sage4j.verify.Comparison;
import io.sage4j.verify.TensorCase;
import io.sage4j.verify.TensorCases;
import io.sage4j.verify.VerificationResult;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Verification ladder level 2 for int8-cuda: every GPU quantizer against its Java reference, byte for
 * byte (codes, scales, means), over seeded random and adversarial cases. Needs an open CUDA context.
 */
public final class Int8CudaVerification {
    private static final TokenGrouping[] GROUPINGS = {
        TokenGrouping.perBlock(64), TokenGrouping.perBlock(128), TokenGrouping.perWarp(16), TokenGrouping.perWarp(32),
        TokenGrouping.perThreadQ(16), TokenGrouping.perThreadQ(32), TokenGrouping.perThreadK(64), TokenGrouping.perThreadK(128),
    };
    private static final int[] PADS = {32, 64, 128};

    private Int8CudaVerification() {}

    /** Runs {@code cases} cases per quantizer; {@code progress} receives each finished case index. */
    public static List<VerificationResult> run(Int8CudaQuantizers gpu, int cases, long seed, IntConsumer progress) {
        Comparison int8 = new Comparison();
        Comparison fp8 = new Comparison();
        long int8Nanos = 0;
        long fp8Nanos = 0;
        for (int i = 0; i < cases; i++) {
            TensorCase c = TensorCases.generate(seed, i, 1);
            SplittableRandom choice = new SplittableRandom(c.seed());
            TokenGrouping grouping = GROUPINGS[choice.nextInt(GROUPINGS.length)];
            boolean smoothK = choice.nextBoolean();
            long t0 = System.nanoTime();
            float[] means = smoothK ? Smoothing.channelMeans(c.values(), c.heads(), c.tokens(), c.dim()) : null;
            Int8Tensor expected = Int8Quantizer.quantize(c.values(), c.heads(), c.tokens(), c.dim(), grouping, means);
            Int8Tensor actual = gpu.quantizeInt8(c.values(), c.heads(), c.tokens(), c.dim(), grouping, smoothK);
            String label = "int8 " + grouping.kind() + "(" + grouping.tokens() + ")" + (smoothK ? " smoothK" : "");
            int8.bytes(label + " codes", c, expected.codes(), actual.codes());
            int8.floats(label + " scales", c, expected.scales(), actual.scales());
            if (smoothK) {
                int8.floats(label + " means", c, expected.means(), actual.means());
            }
            long t1 = System.nanoTime();
            int pad = PADS[choice.nextInt(PADS.length)];
            boolean smoothV = choice.nextBoolean();
            Fp8VTensor expectedV = Fp8VQuantizer.quantize(c.values(), c.heads(), c.tokens(), c.dim(), pad, smoothV);
            Fp8VTensor actualV = gpu.quantizeV(c.values(), c.heads(), c.tokens(), c.dim(), pad, smoothV);
            String vLabel = "fp8 V pad " + pad + (smoothV ? " smoothV" : "");
            fp8.bytes(vLabel + " codes", c, expectedV.codes(), actualV.codes());
            fp8.floats(vLabel + " scales", c, expectedV.scales(), actualV.scales());
            if (smoothV) {
                fp8.floats(vLabel + " means", c, expectedV.means(), actualV.means());
            }
            long t2 = System.nanoTime();
            int8Nanos += t1 - t0;
            fp8Nanos += t2 - t1;
            progress.accept(i);
        }
        return List.of(
                VerificationResult.of("int8-cuda sage4j_quant_int8 (+ sage4j_block_means)", "Int8Quantizer (+ Smoothing.channelMeans)", cases, int8, int8Nanos),
                VerificationResult.of("int8-cuda sage4j_quant_fp8_v", "Fp8VQuantizer", cases, fp8, fp8Nanos));
    }
}
