package io.sage4j.reference.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TwoLevelPQuantizerTest {

    @Test
    void rowMaxMapsToTheTopOfTheRangeAndMaskedGroupsToZero() {
        int rows = 3;
        int cols = 32;
        float[] p = new float[rows * cols];
        SplittableRandom random = new SplittableRandom(11);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < 16; c++) {  // the second 16-group of every row stays masked (0)
                p[r * cols + c] = (float) Math.exp(-Math.abs(random.nextGaussian()) * 3) * (r + 1) * 0.25f;
            }
            p[r * cols] = (r + 1) * 0.25f;  // the row max
        }
        TwoLevelPQuantizer.Result q = TwoLevelPQuantizer.quantize(p, rows, cols);
        for (int r = 0; r < rows; r++) {
            assertEquals((r + 1) * 0.25f / 2688f, q.rowScales()[r]);
            assertEquals(0x7E, q.blocks().scale(r, 0), "first block scale is 448");
            assertEquals(0x7, q.blocks().code(r, 0), "row max is code 6");
            assertEquals(0, q.blocks().scale(r, 16), "masked group scale");
            for (int c = 16; c < cols; c++) {
                assertEquals(0, q.blocks().code(r, c));
            }
        }
        float[] back = q.dequantize();
        for (int i = 0; i < p.length; i++) {
            // Level-2 block scale 448 (quantum 2 for E2M1 values in [4,6], 1 in [2,4), 0.5 below) times rowScale:
            // error ≤ half the largest quantum = 1·rowScale, relative float32 rounding aside.
            float rowScale = q.rowScales()[i / cols];
            assertTrue(Math.abs(back[i] - p[i]) <= rowScale * 448f * 1.0f * (1 + 1e-6f),
                    "element " + i + ": " + back[i] + " vs " + p[i]);
        }
    }

    @Test
    void tinyRowMaximaStayFinite() {
        // 2688 / 1e-37 overflows float32; the stretch must not turn the zeros of the row into NaN.
        float[] p = new float[16];
        p[3] = 1e-37f;
        TwoLevelPQuantizer.Result q = TwoLevelPQuantizer.quantize(p, 1, 16);
        assertEquals(0x7E, q.blocks().scale(0, 0));
        assertEquals(0x7, q.blocks().code(0, 3));
        assertEquals(0, q.blocks().code(0, 0));
        for (float v : q.dequantize()) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void fullyMaskedRowIsAllZero() {
        TwoLevelPQuantizer.Result q = TwoLevelPQuantizer.quantize(new float[16], 1, 16);
        assertEquals(0f, q.rowScales()[0]);
        assertEquals(0, q.blocks().scale(0, 0));
        assertEquals(0f, q.dequantize()[5]);
    }

    @Test
    void negativeProbabilitiesAreRejectedWithTheirPosition() {
        float[] p = new float[32];
        p[21] = -0.5f;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TwoLevelPQuantizer.quantize(p, 2, 16));
        assertTrue(e.getMessage().startsWith("p[1][5] = -0.5"), e.getMessage());
    }
}
