package io.sage4j.reference.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sage4j.reference.format.E4M3;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Fp8VQuantizerTest {

    @Test
    void storesChannelMajorPaddedWithOneScalePerChannel() {
        int heads = 2;
        int tokens = 5;
        int dim = 3;
        float[] v = new float[heads * tokens * dim];
        for (int h = 0; h < heads; h++) {
            for (int t = 0; t < tokens; t++) {
                for (int c = 0; c < dim; c++) {
                    v[(h * tokens + t) * dim + c] = (c + 1) * (t - 2) * (h + 1);  // channel amax = 2(c+1)(h+1)
                }
            }
        }
        Fp8VTensor q = Fp8VQuantizer.quantize(v, heads, tokens, dim, 4, false);
        assertEquals(8, q.paddedTokens());
        assertEquals(heads * dim * 8, q.codes().length);
        for (int h = 0; h < heads; h++) {
            for (int c = 0; c < dim; c++) {
                float amax = 2f * (c + 1) * (h + 1);
                assertEquals(amax / 448f, q.scales()[h * dim + c]);
                assertEquals(0x7E, q.code(h, 4, c));          // token 4 holds +amax → 448
                assertEquals(0xFE, q.code(h, 0, c));          // token 0 holds −amax → −448
                assertEquals(0x00, q.code(h, 2, c));          // token 2 is 0
                for (int pad = tokens; pad < 8; pad++) {
                    assertEquals(0, q.codes()[(h * dim + c) * 8 + pad]);
                }
            }
        }
    }

    @Test
    void smoothingSubtractsAndRestoresTheMean() {
        SplittableRandom random = new SplittableRandom(3);
        int tokens = 100;
        int dim = 16;
        float[] v = new float[tokens * dim];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian() * 0.1f + (i % dim) * 10f;
        }
        Fp8VTensor plain = Fp8VQuantizer.quantize(v, 1, tokens, dim, 128, false);
        Fp8VTensor smooth = Fp8VQuantizer.quantize(v, 1, tokens, dim, 128, true);
        float[] means = Smoothing.channelMeans(v, 1, tokens, dim);
        assertEquals(java.util.Arrays.toString(means), java.util.Arrays.toString(smooth.means()));
        double errPlain = maxError(v, plain.dequantize());
        double errSmooth = maxError(v, smooth.dequantize());
        assertTrue(errSmooth < errPlain / 10, "smoothing should cut the error: " + errSmooth + " vs " + errPlain);
        // Bound: E4M3 has 3 mantissa bits, so |q − x'/s| ≤ 2^-4·|x'/s| (normal range) → |error| ≤ amax·2^-4,
        // plus float32 roundings of the product and the mean add-back.
        for (int c = 0; c < dim; c++) {
            float amax = smooth.scales()[c] * E4M3.MAX;
            for (int t = 0; t < tokens; t++) {
                int i = t * dim + c;
                float back = smooth.dequantize()[i];
                assertTrue(Math.abs(back - v[i]) <= amax / 16 + Math.ulp(v[i]) * 2,
                        "token " + t + " channel " + c + ": " + back + " vs " + v[i]);
            }
        }
    }

    @Test
    void allZeroChannelGetsScaleZeroAndZeroCodes() {
        float[] v = {0, 1, -0.0f, 2};  // 2 tokens, 2 channels; channel 0 is all zeros
        Fp8VTensor q = Fp8VQuantizer.quantize(v, 1, 2, 2, 16, false);
        assertEquals(0f, q.scales()[0]);
        assertEquals(0x00, q.code(0, 0, 0));
        assertEquals(0x80, q.code(0, 1, 0));
        assertEquals(0f, q.dequantize()[0]);
    }

    private static double maxError(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
