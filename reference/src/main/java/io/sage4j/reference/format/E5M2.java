package io.sage4j.reference.format;

/**
 * FP8 E5M2: bias 15, max finite 57344 (0x7B), ±Inf = 0x7C/0xFC, NaN above (specs/numerics.md §3.2).
 * {@link #encodeSatfiniteBits} is {@code cvt.rn.satfinite.e5m2x2.f32} (overflow and ±Inf clamp to ±57344);
 * {@link #encodeNoSatBits} overflows to ±Inf. NaN of either sign gives 0x7F in both.
 */
public final class E5M2 {
    /** Largest finite magnitude. */
    public static final float MAX = 57344.0f;
    /** Code the conversions give for NaN input. */
    public static final int NAN_CODE = 0x7F;

    private static final MiniFloat.Overflow SATFINITE = new MiniFloat.Overflow() {
        @Override public int nan(int sign) { return NAN_CODE; }
        @Override public int overflow(int sign) { return sign | 0x7B; }
    };
    private static final MiniFloat.Overflow NO_SAT = new MiniFloat.Overflow() {
        @Override public int nan(int sign) { return NAN_CODE; }
        @Override public int overflow(int sign) { return sign | 0x7C; }
    };

    private E5M2() {}

    /** float32 → E5M2, round to nearest even, saturating to ±57344. */
    public static int encodeSatfinite(float x) {
        return encodeSatfiniteBits(Float.floatToRawIntBits(x));
    }

    /** As {@link #encodeSatfinite(float)}, from float32 bits. */
    public static int encodeSatfiniteBits(int floatBits) {
        return MiniFloat.E5M2.encode(floatBits, SATFINITE);
    }

    /** float32 → E5M2, round to nearest even, overflow to ±Inf. */
    public static int encodeNoSatBits(int floatBits) {
        return MiniFloat.E5M2.encode(floatBits, NO_SAT);
    }

    /** Exact value of a code (low 8 bits): ±Inf for 0x7C/0xFC, NaN for 0x7D–0x7F and 0xFD–0xFF. */
    public static float decode(int code) {
        int magnitude = code & 0x7F;
        if (magnitude == 0x7C) {
            return (code & 0x80) != 0 ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        }
        return magnitude > 0x7C ? Float.NaN : MiniFloat.E5M2.decodeFinite(code & 0xFF);
    }
}
