package io.sage4j.reference.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The worked examples of specs/numerics.md §4.7 (scale byte, codes, packed bytes), and the edge cases of §4.2–4.3. */
class Nvfp4QuantizerTest {
    static final float[] EXAMPLE = {0, 0.1f, -0.3f, 0.75f, 1.3f, -2.2f, 3.1f, 4.6f, 5.9f, -6.4f, 12, -0.05f, 7.77f, 2.5f, -1, 9};
    static final String PACKED_MULT_HALF = "0018a143d5872669";

    /** The example block in row 0, and a row 1 whose only non-zero value sets the tensor's global amax. */
    private static float[] withGlobalAmax(float globalAmax) {
        float[] x = Arrays.copyOf(EXAMPLE, 32);
        x[16] = globalAmax;
        return x;
    }

    private static String row0(Nvfp4Tensor t) {
        return HexFormat.of().formatHex(t.codes(), 0, 8);
    }

    @Test
    void transformerEngineWithGlobalAmax12() {
        Nvfp4Tensor t = Nvfp4Quantizer.transformerEngine(withGlobalAmax(12), 2, 16);
        assertEquals(0x7E, t.scales()[0] & 0xFF);
        assertEquals(PACKED_MULT_HALF, row0(t));
        assertEquals(1.0f / Float.intBitsToFloat(0x43600000), t.tensorScale());  // sEnc = 224
    }

    @Test
    void transformerEngineWithGlobalAmax20() {
        Nvfp4Tensor t = Nvfp4Quantizer.transformerEngine(withGlobalAmax(20), 2, 16);
        assertEquals(0x78, t.scales()[0] & 0xFF);
        assertEquals("0018a143d5873669", row0(t));  // 2.5 · 0.525 = 1.3125 → 1.5 (code 3)
        assertEquals(1.0f / Float.intBitsToFloat(0x43066666), t.tensorScale());
    }

    @Test
    void transformerEngineWithGlobalAmax1000() {
        Nvfp4Tensor t = Nvfp4Quantizer.transformerEngine(withGlobalAmax(1000), 2, 16);
        assertEquals(0x4B, t.scales()[0] & 0xFF);
        assertEquals(PACKED_MULT_HALF, row0(t));
        assertEquals(1.0f / Float.intBitsToFloat(0x402C0831), t.tensorScale());
    }

    @Test
    void sageAttention3Example() {
        Nvfp4Tensor t = Nvfp4Quantizer.sageAttention3(EXAMPLE, 1, 16);
        assertEquals(0x40, t.scales()[0] & 0xFF);
        assertEquals(PACKED_MULT_HALF, row0(t));
        int[] codes = new int[16];
        for (int i = 0; i < 16; i++) {
            codes[i] = t.code(0, i);
        }
        assertArrayEquals(new int[] {0, 0, 8, 1, 1, 0xA, 3, 4, 5, 0xD, 7, 8, 6, 2, 9, 6}, codes);
    }

    @Test
    void transformerEngineSaturatesTinyBlocksWhileSageAttention3ZeroesThem() {
        float[] x = new float[32];
        x[0] = 1e-5f;
        x[1] = -2e-5f;
        x[3] = 3e-6f;
        x[16] = 20;  // global amax 20
        Nvfp4Tensor te = Nvfp4Quantizer.transformerEngine(x, 2, 16);
        assertEquals(0, te.scales()[0]);
        assertEquals("f7700000", HexFormat.of().formatHex(te.codes(), 0, 4));  // codes 7,F,0,7 as in §4.2
        Nvfp4Tensor sa3 = Nvfp4Quantizer.sageAttention3(Arrays.copyOf(x, 16), 1, 16);
        assertEquals(0, sa3.scales()[0]);
        assertEquals(0x0, sa3.code(0, 0));
        assertEquals(0x8, sa3.code(0, 1));  // -2e-5 · 0 = -0
    }

    @Test
    void fastMathModelDiffersFromIeeeWhereDivisionBySixRoundsDifferently() {
        // amax·RN(1/6) and amax/6 differ by ~3e-8 relative, which changes the E4M3 scale only next to an
        // E4M3 rounding tie t: search the few floats around 6t for every tie.
        float found = Float.NaN;
        for (int code = 1; code < 0x7E && Float.isNaN(found); code++) {
            float tie = (io.sage4j.reference.format.E4M3.decode(code) + io.sage4j.reference.format.E4M3.decode(code + 1)) / 2;
            int sixTies = Float.floatToIntBits(6 * tie);
            for (int d = -8; d <= 8; d++) {
                float a = Float.intBitsToFloat(sixTies + d);
                if (io.sage4j.reference.format.UE4M3.encode(a / 6f)
                        != io.sage4j.reference.format.UE4M3.encode(FastMathModel.divideBySix(a))) {
                    found = a;
                    break;
                }
            }
        }
        assertTrue(!Float.isNaN(found), "expected an amax where fast-math and IEEE scales differ");
        float[] block = new float[16];
        block[5] = found;
        assertTrue(Nvfp4Quantizer.sageAttention3(block, 1, 16).scales()[0]
                != Nvfp4Quantizer.singleLevelIeee(block, 1, 16).scales()[0]);
    }

    @Test
    void layoutIsOneScalePerSixteenAlongEachRow() {
        float[] x = new float[2 * 32];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i / 16 + 1) * 6f;  // block b has amax 6(b+1): scale code of (b+1)
        }
        Nvfp4Tensor t = Nvfp4Quantizer.singleLevelIeee(x, 2, 32);
        assertEquals(4, t.scales().length);
        for (int b = 0; b < 4; b++) {
            assertEquals(io.sage4j.reference.format.UE4M3.encode(b + 1), t.scales()[b], "block " + b);
        }
        assertEquals(t.scales()[3], (byte) t.scale(1, 17));
        assertArrayEquals(x, t.dequantize());
    }

    @Test
    void nanAndInfinityFollowTheConversionRules() {
        float[] x = new float[16];
        x[0] = Float.NaN;
        x[1] = 3f;
        x[2] = Float.POSITIVE_INFINITY;
        Nvfp4Tensor withInf = Nvfp4Quantizer.singleLevelIeee(x, 1, 16);
        assertEquals(0x7E, withInf.scales()[0]);   // amax Inf → scale saturates at 448
        assertEquals(0x7, withInf.code(0, 0));     // NaN → +6
        assertEquals(0x7, withInf.code(0, 2));     // Inf/448 = Inf → 6
        x[2] = 0;
        Nvfp4Tensor nanOnly = Nvfp4Quantizer.singleLevelIeee(x, 1, 16);
        assertEquals(io.sage4j.reference.format.UE4M3.encode(0.5f), nanOnly.scales()[0]);  // NaN ignored: amax 3
        assertEquals(0x7, nanOnly.code(0, 0));
    }

    @Test
    void badShapesNameTheArgument() {
        IllegalArgumentException cols = assertThrows(IllegalArgumentException.class,
                () -> Nvfp4Quantizer.singleLevelIeee(new float[20], 1, 20));
        assertTrue(cols.getMessage().startsWith("cols"), cols.getMessage());
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> Nvfp4Quantizer.transformerEngine(new float[16], 2, 16));
        assertTrue(length.getMessage().contains("[2][16]"), length.getMessage());
    }
}
