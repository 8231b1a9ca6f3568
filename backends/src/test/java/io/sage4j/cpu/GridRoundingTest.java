package io.sage4j.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sage4j.reference.format.E2M1;
import io.sage4j.reference.format.E4M3;
import io.sage4j.reference.format.Int8;
import io.sage4j.reference.format.UE4M3;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * {@link GridRounding} against the reference encoders. Inputs: every sign and exponent, with every pattern of the top
 * 12 mantissa bits combined with the low-bit patterns that decide rounding (0, 1, half − 1, half, half + 1, all ones
 * below the 12th bit), i.e. every tie and near-tie of the three grids (≈ 25 million floats), plus NaN and ±∞.
 */
class GridRoundingTest {
    private static void forEachInput(IntConsumer bits) {
        int[] lows = {0, 1, 0x3FF, 0x400, 0x401, 0x7FF};
        for (int sign = 0; sign < 2; sign++) {
            for (int exponent = 0; exponent < 255; exponent++) {
                for (int top = 0; top < 4096; top++) {
                    for (int low : lows) {
                        bits.accept(sign << 31 | exponent << 23 | top << 11 | low);
                    }
                }
            }
        }
        for (int special : new int[] {0x7F80_0000, 0xFF80_0000, 0x7FC0_0000, 0xFFC0_0001}) {
            bits.accept(special);
        }
    }

    private interface Check {
        void check(float x, float got);
    }

    /** An array kernel of {@link GridRounding}: {@code (x, off, n, out, outOff)}. */
    private interface Kernel {
        void apply(float[] x, int off, int n, float[] out, int outOff);
    }

    private static void run(Kernel op, Check check) {
        float[] x = new float[Lanes.L];
        int[] filled = {0};
        forEachInput(bits -> {
            x[filled[0]++] = Float.intBitsToFloat(bits);
            if (filled[0] == Lanes.L) {
                float[] got = new float[Lanes.L];
                op.apply(x, 0, Lanes.L, got, 0);
                for (int i = 0; i < Lanes.L; i++) {
                    check.check(x[i], got[i]);
                }
                filled[0] = 0;
            }
        });
    }

    @Test
    void e4m3ValuesAndCodesEqualTheReferenceEncoder() {
        run(GridRounding::e4m3, (x, got) -> {
            int code = E4M3.encodeSatfinite(x);
            assertEquals(code, GridRounding.e4m3Code(got), () -> "code of " + x);
            assertEquals(Float.floatToRawIntBits(E4M3.decode(code)), Float.floatToRawIntBits(got), () -> "value of " + x);
        });
    }

    @Test
    void e2m1ValuesAndCodesEqualTheReferenceEncoder() {
        run(GridRounding::e2m1, (x, got) -> {
            int code = E2M1.encode(x);
            assertEquals(code, GridRounding.e2m1Code(got), () -> "code of " + x);
            assertEquals(Float.floatToRawIntBits(E2M1.decode(code)), Float.floatToRawIntBits(got), () -> "value of " + x);
        });
    }

    @Test
    void int8EqualsTheReferenceEncoder() {
        run(GridRounding::int8, (x, got) -> assertEquals((float) Int8.encodeRne(x), got, () -> "int8 of " + x));
    }

    /**
     * The midpoint guard of cpu-vector's fast probabilities: a value it does not flag keeps its E4M3 rounding under
     * any relative perturbation up to 9.01u (the fast exp2's distance from the reference), and exact midpoints, and
     * values a few ulps from them, are flagged. 2 million seeded values over [2^-20, 448] plus every midpoint.
     */
    @Test
    void theE4m3MidpointGuardFlagsEveryValueWhoseRoundingCouldMove() {
        SplittableRandom random = new SplittableRandom(17);
        float[] lane = new float[Lanes.L];
        java.util.Arrays.fill(lane, 1f);  // grid points: never flagged
        assertEquals(false, GridRounding.nearE4m3Midpoint(lane, 0, Lanes.L));
        double u = 0x1p-24;
        int flagged = 0;
        for (int i = 0; i < 2_000_000; i++) {
            float p = (float) Math.scalb(random.nextDouble(1, 2), -20 + random.nextInt(29));
            if (p > 448f) {
                continue;
            }
            lane[0] = p;
            if (GridRounding.nearE4m3Midpoint(lane, 0, Lanes.L)) {
                flagged++;
                continue;
            }
            int code = E4M3.encodeSatfinite(p);
            for (double eps : new double[] {-9.01 * u, 9.01 * u}) {
                float moved = (float) (p * (1 + eps));
                assertEquals(code, E4M3.encodeSatfinite(moved), "unflagged " + p + " moved by " + eps);
            }
        }
        for (int code = 0; code < 0x7E; code++) {
            double mid = (E4M3.decode(code) + (double) E4M3.decode(code + 1)) / 2;
            for (int ulps = -3; ulps <= 3; ulps++) {
                float p = Float.intBitsToFloat(Float.floatToRawIntBits((float) mid) + ulps);
                lane[0] = p;
                assertEquals(true, GridRounding.nearE4m3Midpoint(lane, 0, Lanes.L), "midpoint " + mid + " + " + ulps + " ulps");
            }
        }
        System.out.printf("E4M3 midpoint guard: %d of 2,000,000 random values flagged%n", flagged);
    }

    /** The scalar E4M3 rounding used for NVFP4 block scales equals UE4M3 on non-negative inputs. */
    @Test
    void scalarUe4m3EqualsTheReferenceOnNonNegativeInputs() {
        forEachInput(bits -> {
            if (bits >= 0 && bits < 0x7F80_0000) {
                float x = Float.intBitsToFloat(bits);
                assertEquals(UE4M3.decode(UE4M3.encode(x)), GridRounding.e4m3(x), () -> "ue4m3 of " + x);
            }
        });
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            float x = (float) random.nextDouble(0, 3000);
            assertEquals(UE4M3.decode(UE4M3.encode(x)), GridRounding.e4m3(x), "ue4m3 of " + x);
        }
    }
}
