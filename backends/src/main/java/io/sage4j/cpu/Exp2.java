package io.sage4j.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * 2^x on float vectors, two ways.
 *
 * <h2>{@link #exact}: the reference's ex2, bit for bit</h2>
 * The reference algorithms define {@code ex2(x) = (float) StrictMath.pow(2, x)}. Here, per lane in float64:
 * {@code n = rint(x)}, {@code f = x − n ∈ [−½, ½]} (exact), {@code y = P₁₂(f)·2ⁿ} with P₁₂ the degree-12 Taylor
 * polynomial of 2^f (coefficients (ln 2)^k/k!). Error of y: truncation ≤ (½ ln 2)¹³/13!·√2/2^-½ &lt; 2^-51,
 * Horner in float64 &lt; 2^-49, so |y − 2^x| &lt; 2^-48·2^x; fdlibm's pow is within 1 ulp (2^-52). Both round to the
 * same float unless 2^x lies within (2^-48 + 2^-52)·2^x of a float rounding midpoint; every lane whose y lies
 * within 2^-40·y of a midpoint (a much wider window: the 29 float64 bits below float precision within 2^13 of
 * 2^28) is recomputed with StrictMath, as are lanes whose result is not a normal float (x &lt; −126 or x ≥ 127) and
 * NaN lanes. x &lt; −151 gives 0 directly ((float) of anything below 2^-151 is 0). So the result equals the
 * reference's for every x; the scalar path runs for about one lane in 2^15.
 *
 * <h2>{@link #fast}: float32 with a stated error</h2>
 * For exact (unquantized) attention, where no bit pattern has to match: {@code n = rint(x)}, {@code f = x − n}
 * (exact), degree-7 Taylor polynomial in float with FMA (Horner), times 2ⁿ. For x in [−126, 0] the relative error is
 * at most {@link #FAST_RELATIVE_ERROR} = 8u (u = 2^-24): in Horner's rule with FMA the term c_i·f^i passes through
 * min(i+1, 7) roundings, so the evaluation error is ≤ Σ γ_min(i+1,7)·|c_i||f|^i ≤ 1.92u absolute, 2.72u relative to
 * 2^f ≥ 2^-½; the coefficients rounded to float add ≤ 0.59u (c₀ = 1 is exact); truncation ≤ (½ ln 2)⁸/8!·√2 ≤ 0.18u;
 * scaling by 2ⁿ is exact except for results below 2^-126, which round once more (≤ 1.42u relative for x ≥ −126).
 * Total &lt; 5u. Results for x &lt; −126 are flushed to 0 (an absolute error below 2^-126).
 */
final class Exp2 {
    private Exp2() {}

    /** Relative error bound of {@link #fast} on [−126, 0] (see the class comment). */
    static final double FAST_RELATIVE_ERROR = 8 * 0x1p-24;

    private static final double ROUND_MAGIC_D = 0x1.8p52;
    private static final long ROUND_MAGIC_D_BITS = Double.doubleToRawLongBits(ROUND_MAGIC_D);
    private static final double[] TAYLOR_D = new double[13];
    private static final long LOW_29 = (1L << 29) - 1;
    private static final long MIDPOINT = 1L << 28;
    private static final long NEAR = 1L << 13;

    private static final float ROUND_MAGIC_F = 0x1.8p23f;
    private static final int ROUND_MAGIC_F_BITS = Float.floatToRawIntBits(ROUND_MAGIC_F);
    private static final float[] TAYLOR_F = new float[8];

    static {
        double ln2 = Math.log(2.0);
        double term = 1;
        for (int k = 0; k < TAYLOR_D.length; k++) {
            TAYLOR_D[k] = term;
            if (k < TAYLOR_F.length) {
                TAYLOR_F[k] = (float) term;
            }
            term = term * ln2 / (k + 1);
        }
    }

    /**
     * {@code out[outOff + i] = (float) StrictMath.pow(2, x[off + i])} for i &lt; n, n a multiple of {@link Lanes#L}
     * (in place when the ranges coincide). Works on arrays, half a float vector at a time, so that the widening to
     * float64 keeps the lane count (an intrinsic conversion) and so that this method is compiled on its own instead
     * of bloating its caller past the JIT's inlining budget.
     */
    static void exact(float[] x, int off, int n, float[] out, int outOff) {
        int half = Lanes.F_HALF.length();
        for (int i = 0; i < n; i += half) {
            FloatVector xf = FloatVector.fromArray(Lanes.F_HALF, x, off + i);
            DoubleVector xd = (DoubleVector) xf.max(-126f).min(126f).convertShape(VectorOperators.F2D, Lanes.D, 0);
            DoubleVector shifted = xd.add(ROUND_MAGIC_D);
            DoubleVector f = xd.sub(shifted.sub(ROUND_MAGIC_D));
            DoubleVector p = f.fma(TAYLOR_D[12], TAYLOR_D[11]);
            p = p.fma(f, DoubleVector.broadcast(Lanes.D, TAYLOR_D[10]));
            p = p.fma(f, DoubleVector.broadcast(Lanes.D, TAYLOR_D[9]));
            p = p.fma(f, DoubleVector.broadcast(Lanes.D, TAYLOR_D[8]));
            p = p.fma(f, DoubleVector.broadcast(Lanes.D, TAYLOR_D[7]));
            p = p.fma(f, DoubleVector.broadcast(Lanes.D, TAYLOR_D[6]));
            p = p.fma(f, DoubleVector.broadcast(Lanes.D, TAYLOR_D[5]));
            p = p.fma(f, DoubleVector.broadcast(Lanes.D, TAYLOR_D[4]));
            p = p.fma(f, DoubleVector.broadcast(Lanes.D, TAYLOR_D[3]));
            p = p.fma(f, DoubleVector.broadcast(Lanes.D, TAYLOR_D[2]));
            p = p.fma(f, DoubleVector.broadcast(Lanes.D, TAYLOR_D[1]));
            p = p.fma(f, DoubleVector.broadcast(Lanes.D, TAYLOR_D[0]));
            LongVector exponent = shifted.reinterpretAsLongs().sub(ROUND_MAGIC_D_BITS - 1023).lanewise(VectorOperators.LSHL, 52);
            DoubleVector y = p.mul(exponent.reinterpretAsDoubles());
            // float64 values within 2^13 ulps of a float32 rounding midpoint: the 29 dropped bits near 2^28
            long near = y.reinterpretAsLongs().and(LOW_29).sub(MIDPOINT).abs().compare(VectorOperators.LT, NEAR).toLong();
            long underflow = xf.compare(VectorOperators.LT, -151f).toLong();  // −∞ included: the result is 0
            long special = xf.compare(VectorOperators.LT, -126f).or(xf.compare(VectorOperators.GE, 126f))
                    .or(xf.compare(VectorOperators.NE, xf)).toLong() & ~underflow;
            ((FloatVector) y.convertShape(VectorOperators.D2F, Lanes.F_HALF, 0)).blend(0f,
                    VectorMask.fromLong(Lanes.F_HALF, underflow)).intoArray(out, outOff + i);
            long redo = special | near & ~underflow;
            while (redo != 0) {  // x[] may already hold the results (in place): take x from the register
                int lane = Long.numberOfTrailingZeros(redo);
                out[outOff + i + lane] = (float) StrictMath.pow(2.0, xf.lane(lane));
                redo &= redo - 1;
            }
        }
    }

    /** The reference's scalar ex2. */
    static float exact(float x) {
        return (float) StrictMath.pow(2.0, x);
    }

    /**
     * {@code out[outOff + i] = 2^x[off + i]} within {@link #FAST_RELATIVE_ERROR} for x in [−126, 0], 0 below −126
     * (and for −∞), for i &lt; n (a multiple of {@link Lanes#L}); in place when the ranges coincide.
     */
    static void fast(float[] x, int off, int n, float[] out, int outOff) {
        for (int i = 0; i < n; i += Lanes.L) {
            FloatVector v = FloatVector.fromArray(Lanes.F, x, off + i);
            FloatVector clamped = v.max(-126f).min(127f);
            FloatVector shifted = clamped.add(ROUND_MAGIC_F);
            FloatVector f = clamped.sub(shifted.sub(ROUND_MAGIC_F));
            FloatVector p = f.fma(TAYLOR_F[7], TAYLOR_F[6]);
            p = p.fma(f, FloatVector.broadcast(Lanes.F, TAYLOR_F[5]));
            p = p.fma(f, FloatVector.broadcast(Lanes.F, TAYLOR_F[4]));
            p = p.fma(f, FloatVector.broadcast(Lanes.F, TAYLOR_F[3]));
            p = p.fma(f, FloatVector.broadcast(Lanes.F, TAYLOR_F[2]));
            p = p.fma(f, FloatVector.broadcast(Lanes.F, TAYLOR_F[1]));
            p = p.fma(f, FloatVector.broadcast(Lanes.F, TAYLOR_F[0]));
            FloatVector scale = shifted.reinterpretAsInts().sub(ROUND_MAGIC_F_BITS - 127)
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            p.mul(scale).blend(0f, v.compare(VectorOperators.LT, -126f)).intoArray(out, outOff + i);
        }
    }

    /** Scalar {@code fast}, same operations (Horner from the top coefficient). */
    static float fast(float x) {
        float clamped = Math.min(Math.max(x, -126f), 127f);
        float shifted = clamped + ROUND_MAGIC_F;
        float n = shifted - ROUND_MAGIC_F;
        float f = clamped - n;
        float p = TAYLOR_F[7];
        for (int k = 6; k >= 0; k--) {
            p = Math.fma(p, f, TAYLOR_F[k]);
        }
        float scale = Float.intBitsToFloat((Float.floatToRawIntBits(shifted) - (ROUND_MAGIC_F_BITS - 127)) << 23);
        return x < -126f ? 0f : p * scale;
    }
}
