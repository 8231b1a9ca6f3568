package io.sage4j.reference.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import io.sage4j.reference.format.E2M1;
import io.sage4j.reference.format.UE4M3;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;

/**
 * Properties of the quantizers over generated blocks (QuickTheories, fixed seed so CI is reproducible).
 * Each property states why it holds and where it stops holding; the generators stay inside that domain.
 */
class QuantizerPropertiesTest {
    private static final int EXAMPLES = 3000;

    private static QuickTheory theory() {
        return qt().withFixedSeed(0x5A6E4AL).withExamples(EXAMPLES);
    }

    /** Half the E2M1 quantum at magnitude v (in units of the block scale): 0.25 below 2, 0.5 below 4, 1 up to 6. */
    private static float halfQuantum(float v) {
        return v < 2f ? 0.25f : v < 4f ? 0.5f : 1f;
    }

    /**
     * NVFP4 dequantization error ≤ half a quantum of the block's scale. With s the decoded scale and
     * v = |x|/s: if v ≤ 6, RNE to the E2M1 grid errs by at most halfQuantum(v)·s, plus the rounding of x·(1/s)
     * (≤ 6·2^-23 relative, it can push a value across a tie). If v > 6 (scale rounded down), the element
     * clips: error |x| − 6s, and since a normal E4M3 rounds amax/6 with relative error ≤ 2^-4, that is
     * ≤ 6s·2^-4/(1 − 2^-4) = 0.4s < s. Holds while amax/6 is in E4M3's normal range [2^-6, 448]; below it
     * the scale's relative rounding error grows without bound (subnormal scales).
     */
    @Test
    void nvfp4ErrorIsWithinHalfAQuantumOfTheScale() {
        theory().forAll(BlockGen.blocks(16, -3, 8)).checkAssert(x -> {
            float amax = BlockMax.absMax(x, 0, 16);
            if (amax / 6f < 0x1p-6f || amax / 6f > 448f) {
                return;
            }
            Nvfp4Tensor q = Nvfp4Quantizer.singleLevelIeee(x, 1, 16);
            float s = UE4M3.decode(q.scales()[0]);
            float[] back = q.dequantize();
            for (int i = 0; i < 16; i++) {
                float v = Math.abs(x[i]) / s;
                float err = Math.abs(back[i] - x[i]);
                float bound = v <= 6f ? s * (halfQuantum(v) + 6 * 0x1p-23f) : Math.abs(x[i]) - 6 * s;
                assertTrue(err <= bound * (1 + 0x1p-20f), "element " + i + " of " + java.util.Arrays.toString(x)
                        + ": error " + err + " > " + bound + " (scale " + s + ")");
                assertTrue(v <= 6f || err <= 0.4f * s, "clipping error " + err + " > 0.4·scale " + s);
            }
        });
    }

    /**
     * Quantizing a dequantized NVFP4 block gives it back. With a normal, unsaturated scale s, amax/s ≥
     * 6/(1 + 2^-4) > 5, so the block's largest element becomes ±6 and the dequantized amax is exactly 6s;
     * 6s/6 = s exactly in float32 (and ftz(6s·RN(1/6)) rounds back to s under E4M3's 3-bit mantissa), so the
     * scale repeats and every element e·s/s = e is exact.
     */
    @Test
    void nvfp4IsIdempotentOnItsOwnOutput() {
        theory().forAll(BlockGen.blocks(32, -3, 8)).checkAssert(x -> {
            for (int b = 0; b < 2; b++) {
                float amax = BlockMax.absMax(x, b * 16, 16);
                if (amax / 6f < 0x1p-6f || amax / 6f > 448f) {
                    return;
                }
            }
            for (boolean fastMath : new boolean[] {false, true}) {
                Nvfp4Tensor once = fastMath ? Nvfp4Quantizer.sageAttention3(x, 2, 16) : Nvfp4Quantizer.singleLevelIeee(x, 2, 16);
                float[] back = once.dequantize();
                Nvfp4Tensor twice = fastMath ? Nvfp4Quantizer.sageAttention3(back, 2, 16) : Nvfp4Quantizer.singleLevelIeee(back, 2, 16);
                assertArrayEquals(once.scales(), twice.scales(), "scales, fastMath=" + fastMath);
                assertArrayEquals(once.codes(), twice.codes(), "codes, fastMath=" + fastMath);
            }
        });
    }

    /**
     * OCP MXFP4 is idempotent: with FLOOR the largest element lands in [4, 8)·2^e, which rounds to 4 or 6
     * (saturating), both with floor(log2) = e + 2, so the dequantized block has the same shared exponent
     * and its elements are exact E2M1 values.
     */
    @Test
    void mxfp4FloorIsIdempotentOnItsOwnOutput() {
        theory().forAll(BlockGen.blocks(32, -100, 100)).checkAssert(x -> {
            Mxfp4Tensor once = Mxfp4Quantizer.quantize(x, 1, 32, Mxfp4Quantizer.ScaleRule.OCP_FLOOR);
            Mxfp4Tensor twice = Mxfp4Quantizer.quantize(once.dequantize(), 1, 32, Mxfp4Quantizer.ScaleRule.OCP_FLOOR);
            assertArrayEquals(once.scales(), twice.scales());
            assertArrayEquals(once.codes(), twice.codes());
        });
    }

    /**
     * Scaling a block by 2^k adds k to the MX scale and leaves the codes alone: both rules compute the scale
     * from amax by an exact power-of-two-equivariant operation (exponent extraction; a product with RN(1/6)
     * that scales exactly while no result is subnormal or infinite), and the elements are x·2^(127−scale).
     * The generator keeps every value and every scale far from float32's subnormals and overflow.
     */
    @Test
    void mxfp4ScalesWithPowersOfTwo() {
        theory().forAll(BlockGen.blockAndPowerOfTwo(32, -60, 60)).checkAssert(pair -> {
            float[] x = (float[]) pair[0];
            int k = (Integer) pair[1];
            if (BlockMax.absMax(x, 0, 32) == 0f) {
                return;
            }
            float[] scaled = new float[32];
            for (int i = 0; i < 32; i++) {
                scaled[i] = Math.scalb(x[i], k);
            }
            for (Mxfp4Quantizer.ScaleRule rule : Mxfp4Quantizer.ScaleRule.values()) {
                Mxfp4Tensor a = Mxfp4Quantizer.quantize(x, 1, 32, rule);
                Mxfp4Tensor b = Mxfp4Quantizer.quantize(scaled, 1, 32, rule);
                assertEquals(a.scale(0, 0) + k, b.scale(0, 0), rule.name());
                assertArrayEquals(a.codes(), b.codes(), rule.name());
            }
        });
    }

    /** Negating the input flips the sign bit of every code and keeps every scale (all rounding is symmetric). */
    @Test
    void quantizationIsSignSymmetric() {
        theory().forAll(BlockGen.blocks(32, -30, 30)).checkAssert(x -> {
            float[] neg = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                neg[i] = -x[i];
            }
            checkFp4Symmetry(x, neg, (v, r) -> Nvfp4Quantizer.sageAttention3(v, 2, 16).codes(),
                    (v, r) -> Nvfp4Quantizer.sageAttention3(v, 2, 16).scales());
            checkFp4Symmetry(x, neg, (v, r) -> Nvfp4Quantizer.singleLevelIeee(v, 2, 16).codes(),
                    (v, r) -> Nvfp4Quantizer.singleLevelIeee(v, 2, 16).scales());
            checkFp4Symmetry(x, neg, (v, r) -> Nvfp4Quantizer.transformerEngine(v, 2, 16).codes(),
                    (v, r) -> Nvfp4Quantizer.transformerEngine(v, 2, 16).scales());
            for (Mxfp4Quantizer.ScaleRule rule : Mxfp4Quantizer.ScaleRule.values()) {
                checkFp4Symmetry(x, neg, (v, r) -> Mxfp4Quantizer.quantize(v, 1, 32, rule).codes(),
                        (v, r) -> Mxfp4Quantizer.quantize(v, 1, 32, rule).scales());
            }
            Int8Tensor i8 = Int8Quantizer.quantize(x, 1, 4, 8, TokenGrouping.perThreadQ(8), null);
            Int8Tensor i8neg = Int8Quantizer.quantize(neg, 1, 4, 8, TokenGrouping.perThreadQ(8), null);
            assertArrayEquals(i8.scales(), i8neg.scales());
            for (int i = 0; i < x.length; i++) {
                assertEquals(-i8.codes()[i], i8neg.codes()[i]);
            }
            Fp8VTensor v8 = Fp8VQuantizer.quantize(x, 1, 4, 8, 16, false);
            Fp8VTensor v8neg = Fp8VQuantizer.quantize(neg, 1, 4, 8, 16, false);
            assertArrayEquals(v8.scales(), v8neg.scales());
            for (int t = 0; t < 4; t++) {
                for (int c = 0; c < 8; c++) {
                    assertEquals(v8.code(0, t, c) ^ 0x80, v8neg.code(0, t, c));
                }
            }
        });
    }

    private static void checkFp4Symmetry(float[] x, float[] neg, BiFunction<float[], Void, byte[]> codes,
                                         BiFunction<float[], Void, byte[]> scales) {
        assertArrayEquals(scales.apply(x, null), scales.apply(neg, null));
        byte[] a = codes.apply(x, null);
        byte[] b = codes.apply(neg, null);
        for (int i = 0; i < x.length; i++) {
            assertEquals(E2M1.unpack(a, i) ^ 0x8, E2M1.unpack(b, i), "element " + i);
        }
    }

    /** Blocks beyond the representable range saturate: scale 448 and elements of magnitude ≥ 5·448 become ±6. */
    @Test
    void nvfp4SaturatesAboveItsRange() {
        theory().forAll(BlockGen.blocks(16, 12, 40)).checkAssert(x -> {
            float amax = BlockMax.absMax(x, 0, 16);
            if (amax <= Nvfp4Quantizer.RANGE) {
                return;
            }
            Nvfp4Tensor q = Nvfp4Quantizer.singleLevelIeee(x, 1, 16);
            assertEquals(0x7E, q.scales()[0]);
            for (int i = 0; i < 16; i++) {
                if (Math.abs(x[i]) > 5f * 448f) {
                    assertEquals(x[i] > 0 ? 0x7 : 0xF, q.code(0, i));
                }
            }
        });
    }

    /** Blocks of signed zeros dequantize to exactly zero in every variant, keeping the zeros' signs in the codes. */
    @Test
    void zeroBlocksStayZero() {
        float[] zeros = new float[32];
        for (int i = 1; i < 32; i += 3) {
            zeros[i] = -0.0f;
        }
        float[][] outputs = {
            Nvfp4Quantizer.sageAttention3(zeros, 2, 16).dequantize(),
            Nvfp4Quantizer.singleLevelIeee(zeros, 2, 16).dequantize(),
            Nvfp4Quantizer.transformerEngine(zeros, 2, 16).dequantize(),
            Mxfp4Quantizer.quantize(zeros, 1, 32, Mxfp4Quantizer.ScaleRule.OCP_FLOOR).dequantize(),
            Mxfp4Quantizer.quantize(zeros, 1, 32, Mxfp4Quantizer.ScaleRule.NVIDIA_RCEIL).dequantize(),
            Int8Quantizer.quantize(zeros, 1, 4, 8, TokenGrouping.perBlock(4), null).dequantizeSmoothed(),
            Fp8VQuantizer.quantize(zeros, 1, 4, 8, 16, false).dequantize(),
        };
        for (float[] out : outputs) {
            for (float v : out) {
                assertEquals(0f, Math.abs(v));
            }
        }
        Nvfp4Tensor q = Nvfp4Quantizer.singleLevelIeee(zeros, 2, 16);
        assertEquals(0x8, q.code(0, 1));
        assertEquals(0x0, q.code(0, 0));
    }

    @Test
    void channelMeansSumChunksOf256TokensThenTheChunkSums() {
        // Two chunks: {1e17, 255 ones} and {-1e17, 255 ones}. In float64 every 1 added to ±1e17 is lost
        // (ulp 16), so the chunked order gives 1e17 + (-1e17) = 0, while one sequential sum cancels the big
        // values first and keeps the last 255 ones. The mean must follow the chunked order.
        int tokens = 2 * Smoothing.CHUNK_TOKENS;
        float[] x = new float[tokens];
        x[0] = 1e17f;
        for (int t = 1; t < Smoothing.CHUNK_TOKENS; t++) {
            x[t] = 1f;
        }
        x[Smoothing.CHUNK_TOKENS] = -1e17f;
        for (int t = Smoothing.CHUNK_TOKENS + 1; t < tokens; t++) {
            x[t] = 1f;
        }
        double chunk0 = 0;
        for (int t = 0; t < Smoothing.CHUNK_TOKENS; t++) {
            chunk0 += x[t];
        }
        double chunk1 = 0;
        for (int t = Smoothing.CHUNK_TOKENS; t < tokens; t++) {
            chunk1 += x[t];
        }
        double sequential = 0;
        for (float v : x) {
            sequential += v;
        }
        float expected = (float) ((chunk0 + chunk1) / tokens);
        assertTrue(expected != (float) (sequential / tokens), "the case must tell the two orders apart");
        assertEquals(expected, Smoothing.channelMeans(x, 1, tokens, 1)[0]);
    }

    @Test
    void channelMeansAreFloat64SumsRoundedOnce() {
        float[] x = {1e8f, 1f, -1e8f, 1f, 3f, 1f};  // 3 tokens, 2 channels: float32 summation would lose the 3
        float[] means = Smoothing.channelMeans(x, 1, 3, 2);
        assertEquals(1f, means[0]);
        assertEquals(1f, means[1]);
    }
}
