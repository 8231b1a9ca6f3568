package io.sage4j.reference.attention;

/**
 * How SageAttention2 accumulates the FP8 product P̂·V̂ (specs/algorithms.md §2.3.1 step 7, numerics.md §7).
 * The unit is one k32 MMA: 32 keys. Every product e4m3·e4m3 is exact in float64 and so is a sum of 32
 * of them (≤ 8 significant bits each, exponents 2^-18..2^17), so each mode starts from the exact chunk sum.
 */
public enum PvAccumulation {
    /**
     * Upstream "fp32" with an ideal FP32 accumulator: each chunk's exact sum rounded to float32 and added
     * to the running O in float32, across all KV tiles (O is rescaled by α between tiles).
     */
    FP32,
    /**
     * Upstream "fp32" as Ada/Hopper FP8 tensor cores execute it (SA2 §3.4): the accumulator is FP22
     * (1 sign, 8 exponent, 13 mantissa bits) — each chunk's result {@code O + Σ} has the low 10 mantissa bits
     * of its float32 form truncated toward zero. Modelled as: the sum {@code O + Σ} in float64, then all but 13
     * mantissa bits cut. (The float64 sum rounds only when it needs more than 53 bits, which can move the cut
     * only for sums within 2^-53 relative of a 13-bit boundary.) For results in float32's normal range.
     */
    FP22_TRUNCATED,
    /**
     * Upstream "fp32+fp32" (the sm90 kernel's only mode): a fresh float32 buffer per KV tile gets each chunk's
     * exact sum rounded to float32, and the buffer is added to the running O (rescaled by α) after the tile.
     */
    TWO_LEVEL;

    /** Float64 bits below the 13 mantissa bits FP22 keeps (52 − 13 = 39). */
    private static final long FP22_DROPPED_BITS = (1L << 39) - 1;

    /** Whether this mode sums each KV tile in a fresh buffer before adding it to O. */
    boolean perTileBuffer() {
        return this == TWO_LEVEL;
    }

    /** {@code accumulator + chunkSum} as this mode's MMA accumulator forms it. */
    float addChunk(float accumulator, double chunkSum) {
        if (this == FP22_TRUNCATED) {
            return truncateToFp22(accumulator + chunkSum);
        }
        return accumulator + (float) chunkSum;
    }

    /** The value with every mantissa bit below the 13th cut (toward zero), as float32. */
    static float truncateToFp22(double value) {
        if (value == 0 || !Double.isFinite(value)) {
            return (float) value;
        }
        long bits = Double.doubleToRawLongBits(value) & ~FP22_DROPPED_BITS;
        return (float) Double.longBitsToDouble(bits);  // 14 significant bits: exact in float32's normal range
    }
}
