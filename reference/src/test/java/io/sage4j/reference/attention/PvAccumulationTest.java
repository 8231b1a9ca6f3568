package io.sage4j.reference.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The PV accumulator models on hand-picked values (specs/numerics.md §7, SA2 §3.4). */
class PvAccumulationTest {

    @Test
    void fp22KeepsThirteenMantissaBitsAndTruncatesTowardZero() {
        assertEquals(1f + 0x1p-13f, PvAccumulation.truncateToFp22(1 + 0x1p-13), "13th bit kept");
        assertEquals(1f, PvAccumulation.truncateToFp22(1 + 0x1p-14), "14th bit cut");
        assertEquals(1f + 0x1p-13f, PvAccumulation.truncateToFp22(1 + 0x1p-13 + 0x1p-14 + 0x1p-20), "cut, not rounded");
        assertEquals(-1f, PvAccumulation.truncateToFp22(-1 - 0x1p-14), "toward zero for negatives");
        assertEquals(0x1.fff8p100f, PvAccumulation.truncateToFp22(0x1.fff8p100 + 0x1p80), "any exponent: all 13 bits set, the 2^-20 below cut");
        assertEquals(0f, PvAccumulation.truncateToFp22(0.0));
    }

    @Test
    void eachModeAddsAChunkAsItsAccumulatorWould() {
        // 1 + 2^-14: float32 keeps it, FP22 drops it (SA2's "C = D with its low 10 mantissa bits truncated").
        assertEquals(1f + 0x1p-14f, PvAccumulation.FP32.addChunk(1f, 0x1p-14));
        assertEquals(1f + 0x1p-14f, PvAccumulation.TWO_LEVEL.addChunk(1f, 0x1p-14));
        assertEquals(1f, PvAccumulation.FP22_TRUNCATED.addChunk(1f, 0x1p-14));
        // The chunk is rounded to float32 once before the float32 add: 2^-25 alone rounds to itself, and the
        // add of 1 + 2^-25 then ties to even.
        assertEquals(1f, PvAccumulation.FP32.addChunk(1f, 0x1p-24 + 0x1p-60));
    }
}
