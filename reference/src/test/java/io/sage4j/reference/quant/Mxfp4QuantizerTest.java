package io.sage4j.reference.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sage4j.reference.format.UE8M0;
import org.junit.jupiter.api.Test;

/** The example of specs/numerics.md §5.2 and the edge cases of §5.1. */
class Mxfp4QuantizerTest {
    static final float[] HALF = {0, .1f, -.3f, .75f, 1.3f, -2.2f, 3.1f, 4.6f, 5.9f, -6.4f, 7, -.05f, 6.9f, 2.5f, -1, .9f};

    private static float[] example() {
        float[] x = new float[32];
        System.arraycopy(HALF, 0, x, 0, 16);
        System.arraycopy(HALF, 0, x, 16, 16);
        return x;
    }

    private static int[] codes(Mxfp4Tensor t) {
        int[] c = new int[t.cols()];
        for (int i = 0; i < c.length; i++) {
            c[i] = t.code(0, i);
        }
        return c;
    }

    private static int[] twice(int... half) {
        int[] c = new int[32];
        System.arraycopy(half, 0, c, 0, 16);
        System.arraycopy(half, 0, c, 16, 16);
        return c;
    }

    @Test
    void ocpFloorExample() {
        Mxfp4Tensor t = Mxfp4Quantizer.quantize(example(), 1, 32, Mxfp4Quantizer.ScaleRule.OCP_FLOOR);
        assertEquals(0x7F, t.scale(0, 0));
        assertArrayEquals(twice(0, 0, 9, 2, 3, 0xC, 5, 6, 7, 0xF, 7, 8, 7, 4, 0xA, 2), codes(t));
    }

    @Test
    void nvidiaRceilExample() {
        Mxfp4Tensor t = Mxfp4Quantizer.quantize(example(), 1, 32, Mxfp4Quantizer.ScaleRule.NVIDIA_RCEIL);
        assertEquals(0x80, t.scale(0, 0));
        assertArrayEquals(twice(0, 0, 8, 1, 1, 0xA, 3, 4, 5, 0xD, 6, 8, 5, 2, 9, 1), codes(t));
    }

    @Test
    void zeroBlocksGetTheSmallestScaleAndZeroCodes() {
        float[] x = new float[32];
        x[3] = -0.0f;
        for (Mxfp4Quantizer.ScaleRule rule : Mxfp4Quantizer.ScaleRule.values()) {
            Mxfp4Tensor t = Mxfp4Quantizer.quantize(x, 1, 32, rule);
            assertEquals(0x00, t.scale(0, 0), rule.name());
            assertEquals(0x0, t.code(0, 0), rule.name());
            assertEquals(0x8, t.code(0, 3), rule.name());
            assertArrayEquals(x, t.dequantize(), rule.name());
        }
    }

    @Test
    void infiniteAmaxIsNanScaleForOcpAndSaturatedForNvidia() {
        float[] x = new float[32];
        x[0] = Float.NEGATIVE_INFINITY;
        x[1] = 1f;
        Mxfp4Tensor ocp = Mxfp4Quantizer.quantize(x, 1, 32, Mxfp4Quantizer.ScaleRule.OCP_FLOOR);
        assertEquals(UE8M0.NAN_CODE, ocp.scale(0, 0));
        assertEquals(0x7, ocp.code(0, 1));
        Mxfp4Tensor nv = Mxfp4Quantizer.quantize(x, 1, 32, Mxfp4Quantizer.ScaleRule.NVIDIA_RCEIL);
        assertEquals(UE8M0.MAX_CODE, nv.scale(0, 0));
        assertEquals(0xF, nv.code(0, 0));
        assertEquals(0x0, nv.code(0, 1));  // 1 · 2^-127 rounds to 0
    }

    @Test
    void ocpClipsSignificandsAboveOnePointFiveToSix() {
        float[] x = new float[32];
        x[0] = 7f;  // floor(log2 7) - 2 = 0: scale 2^0 and 7 saturates to 6
        Mxfp4Tensor t = Mxfp4Quantizer.quantize(x, 1, 32, Mxfp4Quantizer.ScaleRule.OCP_FLOOR);
        assertEquals(0x7F, t.scale(0, 0));
        assertEquals(6f, t.dequantize()[0]);
    }

    @Test
    void colsMustBeAMultipleOf32() {
        assertThrows(IllegalArgumentException.class,
                () -> Mxfp4Quantizer.quantize(new float[16], 1, 16, Mxfp4Quantizer.ScaleRule.OCP_FLOOR));
    }
}
