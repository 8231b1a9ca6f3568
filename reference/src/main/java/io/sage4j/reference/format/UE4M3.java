package io.sage4j.reference.format;

/**
 * UE4M3, the NVFP4 block scale: E4M3 without the sign bit (specs/numerics.md §3.3). Kernels produce it with
 * {@code cvt.rn.satfinite.e4m3x2.f32} on a non-negative float, so for x ≥ 0 it is exactly
 * {@link E4M3#encodeSatfinite}: round to nearest even, saturate at 448, 0x00 is the legal scale 0.
 */
public final class UE4M3 {
    /** Largest scale. */
    public static final float MAX = 448.0f;

    private UE4M3() {}

    /**
     * Non-negative float32 → UE4M3 code (0..0x7E; NaN gives 0x7F).
     *
     * @throws IllegalArgumentException if {@code x} is negative (a scale is a magnitude); -0.0 is zero
     */
    public static int encode(float x) {
        if (x < 0) {
            throw new IllegalArgumentException("UE4M3 scale must be >= 0 or NaN, got " + x);
        }
        return E4M3.encodeSatfiniteBits(Float.floatToRawIntBits(x) & 0x7FFF_FFFF);
    }

    /** Exact value of a scale code (0x7F is NaN). */
    public static float decode(int code) {
        return E4M3.decode(code & 0x7F);
    }
}
