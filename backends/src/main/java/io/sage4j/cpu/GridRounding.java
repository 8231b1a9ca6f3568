package io.sage4j.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Round-to-nearest-even onto the value grids of E4M3 (FP8, satfinite at 448), E2M1 (FP4, satfinite at 6) and INT8,
 * with the same results as the reference's integer encoders ({@code io.sage4j.reference.format}) — values and
 * codes — for every finite input.
 *
 * <p>How: |x| is rounded to the grid's quantum q at its magnitude (q = 2^(max(⌊log₂|x|⌋, e_min) − m), m mantissa
 * bits) by adding and subtracting C = q·2^23: in [C, 2C) float addition rounds to nearest even at exactly q, so
 * {@code (|x| + C) − C} is the rounded magnitude. |x| is first clamped to twice the format's maximum, which
 * changes nothing after saturation. The sign is the input's (E4M3 and E2M1 keep the sign of values that round to
 * zero). NaN: E4M3 gives NaN (code 0x7F), E2M1 gives +6 (code 0x7), as the reference encoders do.
 */
final class GridRounding {
    private GridRounding() {}

    /** Biased float exponent of E4M3's smallest normal, 2^-6. */
    private static final int E4M3_MIN_NORMAL_EXP = 127 - 6;
    private static final int E2M1_MIN_NORMAL_EXP = 127;

    // Array in, array out: vectors never cross a method boundary, so the JIT always sees their concrete species.
    // NaN is tested as v ≠ v: the IS_NAN lane test is not compiled to vector code by JDK 25 here.

    /** {@code out[outOff + i] = E4M3(x[off + i])} (RNE, ±448 saturation) for i &lt; n (a multiple of {@link Lanes#L}). */
    static void e4m3(float[] x, int off, int n, float[] out, int outOff) {
        roundToGrid(x, off, n, out, outOff, E4M3_MIN_NORMAL_EXP, 3, 448f, Float.NaN);
    }

    /** {@code out[outOff + i] = E2M1(x[off + i])} (RNE, ±6 saturation, NaN → +6) for i &lt; n. */
    static void e2m1(float[] x, int off, int n, float[] out, int outOff) {
        roundToGrid(x, off, n, out, outOff, E2M1_MIN_NORMAL_EXP, 1, 6f, 6f);
    }

    private static void roundToGrid(float[] x, int off, int n, float[] out, int outOff, int minNormalExp,
                                    int mantissaBits, float max, float nanResult) {
        for (int i = 0; i < n; i += Lanes.L) {
            FloatVector v = FloatVector.fromArray(Lanes.F, x, off + i);
            FloatVector magnitude = v.abs().min(2 * max);
            IntVector exponent = magnitude.reinterpretAsInts().lanewise(VectorOperators.LSHR, 23).max(minNormalExp);
            FloatVector c = exponent.add(23 - mantissaBits).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector rounded = magnitude.add(c).sub(c).min(max);
            IntVector sign = v.reinterpretAsInts().and(0x8000_0000);
            rounded.reinterpretAsInts().or(sign).reinterpretAsFloats()
                    .blend(nanResult, v.compare(VectorOperators.NE, v)).intoArray(out, outOff + i);
        }
    }

    /** {@code out[outOff + i] = RNE_sat(x[off + i])} in [−128, 127], +0 for NaN and zero, for i &lt; n. */
    static void int8(float[] x, int off, int n, float[] out, int outOff) {
        for (int i = 0; i < n; i += Lanes.L) {
            FloatVector v = FloatVector.fromArray(Lanes.F, x, off + i);
            FloatVector magnitude = v.abs().min(256f).add(0x1p23f).sub(0x1p23f);
            VectorMask<Float> negative = v.compare(VectorOperators.LT, 0f);
            magnitude.min(127f).blend(magnitude.min(128f).neg(), negative)
                    .blend(0f, v.compare(VectorOperators.NE, v)).add(0f)  // +0, never −0: codes are integers
                    .intoArray(out, outOff + i);
        }
    }

    /**
     * Whether any of {@code p[off..off + n)} (non-negative, n a multiple of {@link Lanes#L}) lies within a relative
     * 2^-18 (64 float ulps) of an E4M3 rounding midpoint — the values whose E4M3 rounding could change if p moved by
     * its approximation error. Normal E4M3 range (p ≥ 2^-6): the 20 float mantissa bits below E4M3's 3 are within 64
     * of 2^19. Subnormal range: p·512 + ½ within 2^-16 of an integer (p·512 is exact; the addition rounds by at most
     * 2^-21).
     */
    static boolean nearE4m3Midpoint(float[] p, int off, int n) {
        for (int i = 0; i < n; i += Lanes.L) {
            FloatVector v = FloatVector.fromArray(Lanes.F, p, off + i);
            VectorMask<Float> normal = v.compare(VectorOperators.GE, 0x1p-6f);
            VectorMask<Integer> nearNormal = v.reinterpretAsInts().and(0xF_FFFF).sub(0x8_0000).abs()
                    .compare(VectorOperators.LE, 64);
            FloatVector z = v.mul(512f).add(0.5f);
            FloatVector fromInteger = z.sub(z.add(0x1p23f).sub(0x1p23f)).abs();
            VectorMask<Float> nearSubnormal = fromInteger.compare(VectorOperators.LE, 0x1p-16f);
            if (nearNormal.cast(Lanes.F).and(normal).or(nearSubnormal.andNot(normal)).anyTrue()) {
                return true;
            }
        }
        return false;
    }

    /** Scalar E4M3 rounding of one non-negative value (a block scale). */
    static float e4m3(float x) {
        float magnitude = roundMagnitude(Math.min(Math.abs(x), 1024f), E4M3_MIN_NORMAL_EXP, 3);
        return Math.copySign(Math.min(magnitude, 448f), x);
    }

    private static float roundMagnitude(float magnitude, int minNormalExp, int mantissaBits) {
        int exponent = Math.max(Float.floatToRawIntBits(magnitude) >>> 23, minNormalExp);
        float c = Float.intBitsToFloat((exponent + 23 - mantissaBits) << 23);
        return (magnitude + c) - c;
    }

    /** The E4M3 code of a value on the E4M3 grid (as {@code e4m3} returns it); NaN → 0x7F. */
    static int e4m3Code(float value) {
        if (Float.isNaN(value)) {
            return 0x7F;
        }
        int bits = Float.floatToRawIntBits(value);
        float magnitude = Math.abs(value);
        int code = magnitude >= 0x1p-6f ? (Float.floatToRawIntBits(magnitude) >>> 20) - (120 << 3)
                : (int) (magnitude * 512f);
        return code | (bits < 0 ? 0x80 : 0);
    }

    /** The E2M1 code of a value on the E2M1 grid (as {@code e2m1} returns it). */
    static int e2m1Code(float value) {
        int bits = Float.floatToRawIntBits(value);
        float magnitude = Math.abs(value);
        int code = magnitude >= 1f ? (Float.floatToRawIntBits(magnitude) >>> 22) - 252 : (int) (magnitude * 2f);
        return code | (bits < 0 ? 0x8 : 0);
    }
}
