package io.sage4j.reference.format;

/**
 * FP4 E2M1, the element type of NVFP4 and MXFP4, as {@code cvt.rn.satfinite.e2m1x2.f32} produces it
 * (specs/numerics.md §2): round to nearest even, |x| beyond 6 and ±Inf saturate to ±6, NaN of either sign
 * becomes +6 (0x7), and negative values that round to zero keep their sign (0x8).
 *
 * <p>Packing: two codes per byte, element 2i in the low nibble and 2i+1 in the high nibble (PTX puts the
 * first {@code cvt} operand in the high nibble, so kernels pass the odd element first).
 */
public final class E2M1 {
    /** Largest magnitude, 6.0. */
    public static final float MAX = 6.0f;
    /** Code of +6, produced for NaN inputs. */
    public static final int NAN_CODE = 0x7;

    private static final float[] VALUES = {
        0.0f, 0.5f, 1.0f, 1.5f, 2.0f, 3.0f, 4.0f, 6.0f,
        -0.0f, -0.5f, -1.0f, -1.5f, -2.0f, -3.0f, -4.0f, -6.0f,
    };

    private static final MiniFloat.Overflow SATFINITE = new MiniFloat.Overflow() {
        @Override public int nan(int sign) { return NAN_CODE; }
        @Override public int overflow(int sign) { return sign | 0x7; }
    };

    private E2M1() {}

    /** float32 → E2M1 code (0..15), round to nearest even, saturating. */
    public static int encode(float x) {
        return encodeBits(Float.floatToRawIntBits(x));
    }

    /** As {@link #encode(float)}, from float32 bits. */
    public static int encodeBits(int floatBits) {
        return MiniFloat.E2M1.encode(floatBits, SATFINITE);
    }

    /** Exact value of a code (only its low 4 bits are read). */
    public static float decode(int code) {
        return VALUES[code & 0xF];
    }

    /** One byte holding element 2i ({@code even}) in bits 3:0 and element 2i+1 ({@code odd}) in bits 7:4. */
    public static byte pack(int even, int odd) {
        return (byte) ((even & 0xF) | ((odd & 0xF) << 4));
    }

    /** Code of element {@code index} in a packed array. */
    public static int unpack(byte[] packed, int index) {
        int b = packed[index >>> 1];
        return (index & 1) == 0 ? b & 0xF : (b >>> 4) & 0xF;
    }
}
