package io.sage4j.reference.format;

/**
 * FP8 E4M3 ("e4m3fn", OCP): bias 7, max finite 448 (0x7E), NaN = 0x7F/0xFF, no infinity
 * (specs/numerics.md §3.1).
 *
 * <ul>
 *   <li>{@link #encodeSatfinite}: {@code cvt.rn.satfinite.e4m3x2.f32} — beyond 448 and ±Inf clamp to ±448,
 *       NaN of either sign gives 0x7F. This is what every kernel of sage4j uses.</li>
 *   <li>{@link #encodeNoSat}: {@code __nv_cvt_float_to_fp8(__NV_NOSAT)} — overflow and ±Inf give NaN with the
 *       input's sign (0x7F/0xFF), a NaN input gives 0x7F. Listed because references often use it.</li>
 * </ul>
 */
public final class E4M3 {
    /** Largest finite magnitude. */
    public static final float MAX = 448.0f;
    /** Code the conversions give for NaN input. */
    public static final int NAN_CODE = 0x7F;

    private static final MiniFloat.Overflow SATFINITE = new MiniFloat.Overflow() {
        @Override public int nan(int sign) { return NAN_CODE; }
        @Override public int overflow(int sign) { return sign | 0x7E; }
    };
    private static final MiniFloat.Overflow NO_SAT = new MiniFloat.Overflow() {
        @Override public int nan(int sign) { return NAN_CODE; }
        @Override public int overflow(int sign) { return sign | 0x7F; }
    };

    private E4M3() {}

    /** float32 → E4M3, round to nearest even, saturating to ±448. */
    public static int encodeSatfinite(float x) {
        return encodeSatfiniteBits(Float.floatToRawIntBits(x));
    }

    /** As {@link #encodeSatfinite(float)}, from float32 bits. */
    public static int encodeSatfiniteBits(int floatBits) {
        return MiniFloat.E4M3.encode(floatBits, SATFINITE);
    }

    /** float32 → E4M3, round to nearest even, overflow to NaN (sign kept). */
    public static int encodeNoSatBits(int floatBits) {
        return MiniFloat.E4M3.encode(floatBits, NO_SAT);
    }

    /** Exact value of a code (low 8 bits); 0x7F and 0xFF are NaN. */
    public static float decode(int code) {
        return (code & 0x7F) == 0x7F ? Float.NaN : MiniFloat.E4M3.decodeFinite(code & 0xFF);
    }
}
