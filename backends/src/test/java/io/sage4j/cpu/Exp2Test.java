package io.sage4j.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Exp2}: the exact path equals the reference's ex2 bit for bit; the fast path stays within its stated error. */
class Exp2Test {
    /**
     * Every float in [−160, 130] whose bit pattern is a multiple of 61 (≈ 17 million values, every exponent and
     * mantissa region), plus the special values: equal bits to {@code (float) StrictMath.pow(2, x)}.
     */
    @Test
    void exactMatchesStrictMathBitForBit() {
        float[] x = new float[Lanes.L];
        int filled = 0;
        long checked = 0;
        long mismatches = 0;
        String first = null;
        for (long bits = 0; bits <= 0xFFFF_FFFFL; bits += 61) {
            float value = Float.intBitsToFloat((int) bits);
            if (!(value >= -160f && value <= 130f)) {
                continue;
            }
            x[filled++] = value;
            if (filled == Lanes.L) {
                float[] got = new float[Lanes.L];
                Exp2.exact(x, 0, Lanes.L, got, 0);
                for (int i = 0; i < Lanes.L; i++) {
                    float want = (float) StrictMath.pow(2.0, x[i]);
                    if (Float.floatToRawIntBits(got[i]) != Float.floatToRawIntBits(want)) {
                        mismatches++;
                        if (first == null) {
                            first = "2^" + x[i] + ": got " + got[i] + " want " + want;
                        }
                    }
                }
                checked += Lanes.L;
                filled = 0;
            }
        }
        assertTrue(checked > 10_000_000, "checked " + checked);
        assertEquals(0, mismatches, first);
    }

    /** In place (out = x) gives the same bits, the lanes redone in scalar code included. */
    @Test
    void exactInPlaceEqualsOutOfPlace() {
        SplittableRandom random = new SplittableRandom(5);
        float[] x = new float[1 << 16];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-200, 130);
        }
        x[3] = Float.NaN;
        x[4] = Float.NEGATIVE_INFINITY;
        float[] out = new float[x.length];
        Exp2.exact(x, 0, x.length, out, 0);
        float[] inPlace = x.clone();
        Exp2.exact(inPlace, 0, inPlace.length, inPlace, 0);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToRawIntBits((float) StrictMath.pow(2.0, x[i])), Float.floatToRawIntBits(out[i]), "2^" + x[i]);
            assertEquals(Float.floatToRawIntBits(out[i]), Float.floatToRawIntBits(inPlace[i]), "in place 2^" + x[i]);
        }
    }

    @Test
    void exactHandlesSpecialValues() {
        float[] specials = {Float.NEGATIVE_INFINITY, Float.NaN, -0f, 0f, Float.MIN_VALUE, -Float.MIN_VALUE, -126f,
            -126.5f, -149f, -149.5f, -150f, -150.00002f, -151f, -151.5f, -1000f, 125.99f, 126f, 127f, 128f, 200f,
            Float.POSITIVE_INFINITY, 8.807f, -8.807f, 0.5f, -0.5f, 1e-30f};
        float[] x = new float[Lanes.L];
        for (int start = 0; start < specials.length; start += Lanes.L) {
            int n = Math.min(Lanes.L, specials.length - start);
            System.arraycopy(specials, start, x, 0, n);
            float[] got = new float[Lanes.L];
            Exp2.exact(x, 0, Lanes.L, got, 0);
            for (int i = 0; i < n; i++) {
                float want = (float) StrictMath.pow(2.0, x[i]);
                assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got[i]), "2^" + x[i]);
            }
        }
    }

    /**
     * Relative error of the fast path ≤ {@link Exp2#FAST_RELATIVE_ERROR} on 4 million seeded points of [−126, 0] and
     * on every float of [−1, 0] whose bits are a multiple of 7; 0 below −126. The measured maximum is printed: the
     * stated bound must not be far above it either (≤ 16× — a bound that loose would hide a broken polynomial).
     */
    @Test
    void fastStaysWithinItsStatedError() {
        SplittableRandom random = new SplittableRandom(7);
        float[] x = new float[Lanes.L];
        double worst = 0;
        for (int round = 0; round < 4_000_000 / Lanes.L; round++) {
            for (int i = 0; i < Lanes.L; i++) {
                x[i] = (float) random.nextDouble(-126, 0);
            }
            worst = Math.max(worst, worstError(x));
        }
        int filled = 0;
        for (int bits = Float.floatToRawIntBits(-1f); bits >= Float.floatToRawIntBits(-0f) + 0x8000_0000; bits -= 7) {
            x[filled++] = Float.intBitsToFloat(bits);
            if (filled == Lanes.L) {
                worst = Math.max(worst, worstError(x));
                filled = 0;
            }
        }
        System.out.printf("fast exp2: worst relative error %.3g = %.2f u (bound %.2f u)%n", worst, worst * 0x1p24,
                Exp2.FAST_RELATIVE_ERROR * 0x1p24);
        assertTrue(worst <= Exp2.FAST_RELATIVE_ERROR, "worst " + worst);
        assertTrue(worst * 16 >= Exp2.FAST_RELATIVE_ERROR, "bound far above the measured error: " + worst);
        float[] below = {-126.01f, -130f, -1000f, Float.NEGATIVE_INFINITY};
        System.arraycopy(below, 0, x, 0, below.length);
        float[] got = new float[x.length];
        Exp2.fast(x, 0, x.length, got, 0);
        for (int i = 0; i < below.length; i++) {
            assertEquals(0f, got[i], "2^" + below[i]);
        }
    }

    private static double worstError(float[] x) {
        float[] got = new float[x.length];
        Exp2.fast(x, 0, x.length, got, 0);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double want = Math.pow(2.0, x[i]);
            worst = Math.max(worst, Math.abs(got[i] - want) / want);
            assertEquals(Float.floatToRawIntBits(Exp2.fast(x[i])), Float.floatToRawIntBits(got[i]), "scalar = vector");
        }
        return worst;
    }
}
