package io.sage4j.perf;

import io.sage4j.reference.quant.Fp8VQuantizer;
import io.sage4j.reference.quant.Fp8VTensor;
import io.sage4j.reference.quant.Int8Quantizer;
import io.sage4j.reference.quant.Int8Tensor;
import io.sage4j.reference.quant.Mxfp4Quantizer;
import io.sage4j.reference.quant.Mxfp4Tensor;
import io.sage4j.reference.quant.Nvfp4Quantizer;
import io.sage4j.reference.quant.Nvfp4Tensor;
import io.sage4j.reference.quant.Smoothing;
import io.sage4j.reference.quant.TokenGrouping;
import io.sage4j.reference.quant.TwoLevelPQuantizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the quantizers on the shape of the issue: B=4, H=32, N=4096, D=128, i.e.
 * {@value #ELEMENTS} float32 elements (256 MiB) per call, laid out {@code [B·H][N][D]}: row-major
 * {@code [B·H·N][D]} for the per-row block quantizers (NVFP4, MXFP4, two-level P) and
 * {@code [heads = B·H][tokens = N][dim = D]} for INT8 and FP8 V.
 *
 * <p>One operation is one whole-tensor call; divide {@value #ELEMENTS} by the time per operation for
 * elements/s (perf/NOTES.md does). {@link #memoryFloor} and {@link #memoryFloorCopy} stream the same
 * 256 MiB as a floor for comparison.
 *
 * <p>Before anything is timed, {@link QuantState#setUp} checks the benchmarked call's whole-tensor output
 * against the reference quantizer run on sampled slices (row blocks, or single heads) and throws if one
 * byte differs, so a broken fast path can never be timed. Today the benchmarked call IS the reference
 * ({@link #quantizeFull}); when a backend replaces it there, {@link #referenceSlice} must keep calling
 * the reference.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 2, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
public class QuantizerBenchmark {
    static final int B = 4;
    static final int H = 32;
    static final int N = 4096;
    static final int D = 128;
    static final int HEADS = B * H;
    static final int ROWS = HEADS * N;
    static final int ELEMENTS = ROWS * D;  // 67,108,864

    /** FP8 V codes are stored with the token count padded to a multiple of this (as upstream's 128-token tiles). */
    static final int V_PAD = 128;
    /** Rows quantized alone per sampled row block in the check (one NVFP4 block row group). */
    static final int SLICE_ROWS = 16;

    static final long SEED_QK = 0x5A6E4A5EL;
    static final long SEED_V = 0x5A6E4A5FL;
    static final long SEED_P = 0x5A6E4A60L;
    static final long SEED_SAMPLES = 0x5A6E4A61L;

    /** The quantizer timed; the name says the input it is fed (Q/K-like, V-like or P). */
    public enum Quantizer {
        /** {@link Nvfp4Quantizer#sageAttention3} on Q/K-like input, [B·H·N][D]. */
        NVFP4_SAGE3,
        /** {@link Nvfp4Quantizer#singleLevelIeee} on Q/K-like input. */
        NVFP4_IEEE,
        /** {@link Nvfp4Quantizer#transformerEngine} (two-level, global amax pass included) on Q/K-like input. */
        NVFP4_TE,
        /** {@link Mxfp4Quantizer#quantize} with OCP_FLOOR on Q/K-like input. */
        MXFP4_OCP,
        /** {@link Mxfp4Quantizer#quantize} with NVIDIA_RCEIL on Q/K-like input. */
        MXFP4_RCEIL,
        /** INT8 K, perThreadK(128), channel means (precomputed, untimed) subtracted inside the call. */
        INT8_K_PER_THREAD_128,
        /** INT8 K, perBlock(128), channel means subtracted inside the call. */
        INT8_K_PER_BLOCK_128,
        /** INT8 Q, perWarp(16), no smoothing. */
        INT8_Q_PER_WARP_16,
        /** INT8 Q, perThreadQ(16), no smoothing. */
        INT8_Q_PER_THREAD_16,
        /** FP8 E4M3 V per channel, smoothing on (means computed inside the call), padded to 128 tokens. */
        FP8_V_SMOOTH,
        /** SageAttention3 two-level P quantizer on P = exp(-|g|) in [0, 1], [B·H·N][D]. */
        P_TWO_LEVEL;

        boolean isInt8() {
            return this == INT8_K_PER_THREAD_128 || this == INT8_K_PER_BLOCK_128
                    || this == INT8_Q_PER_WARP_16 || this == INT8_Q_PER_THREAD_16;
        }

        boolean smoothsK() {
            return this == INT8_K_PER_THREAD_128 || this == INT8_K_PER_BLOCK_128;
        }

        TokenGrouping grouping() {
            return switch (this) {
                case INT8_K_PER_THREAD_128 -> TokenGrouping.perThreadK(128);
                case INT8_K_PER_BLOCK_128 -> TokenGrouping.perBlock(128);
                case INT8_Q_PER_WARP_16 -> TokenGrouping.perWarp(16);
                case INT8_Q_PER_THREAD_16 -> TokenGrouping.perThreadQ(16);
                default -> throw new IllegalStateException(this + " is not an INT8 quantizer");
            };
        }
    }

    @State(Scope.Benchmark)
    public static class QuantState {
        @Param  // every Quantizer constant; select with -p quantizer=NAME
        public Quantizer quantizer;

        float[] x;
        /** K smoothing means [heads][dim] for the INT8 K variants, else null. */
        float[] means;

        @Setup(Level.Trial)
        public void setUp() {
            x = switch (quantizer) {
                case FP8_V_SMOOTH -> activations(SEED_V);
                case P_TWO_LEVEL -> probabilities(SEED_P);
                default -> activations(SEED_QK);
            };
            means = quantizer.smoothsK() ? Smoothing.channelMeans(x, HEADS, N, D) : null;
            Object full = quantizeFull(quantizer, x, means);
            verify(quantizer, x, means, full);
        }
    }

    @State(Scope.Benchmark)
    public static class FloorState {
        float[] x;
        float[] copy;

        @Setup(Level.Trial)
        public void setUp() {
            x = activations(SEED_QK);
            copy = new float[ELEMENTS];
        }
    }

    /** The benchmarked call: one whole-tensor quantization, returned so JMH blackholes it. */
    @Benchmark
    public Object quantize(QuantState s) {
        return quantizeFull(s.quantizer, s.x, s.means);
    }

    /** Floor: read the same 256 MiB once (float sum, 8 independent accumulators). */
    @Benchmark
    public float memoryFloor(FloorState s) {
        float[] x = s.x;
        float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
        for (int i = 0; i < x.length; i += 8) {
            a0 += x[i];
            a1 += x[i + 1];
            a2 += x[i + 2];
            a3 += x[i + 3];
            a4 += x[i + 4];
            a5 += x[i + 5];
            a6 += x[i + 6];
            a7 += x[i + 7];
        }
        return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
    }

    /** Floor: copy the same 256 MiB (System.arraycopy: 256 MiB read, 256 MiB written). */
    @Benchmark
    public float[] memoryFloorCopy(FloorState s) {
        System.arraycopy(s.x, 0, s.copy, 0, ELEMENTS);
        return s.copy;
    }

    // ---------------------------------------------------------------------------------------------------
    // The call under test, and the reference it is checked against.

    /**
     * The implementation being timed, on the whole tensor. Today: the reference. A fast path (cpu-vector
     * backend) goes here; {@link #verify} then compares it with {@link #referenceSlice}.
     */
    static Object quantizeFull(Quantizer q, float[] x, float[] means) {
        return switch (q) {
            case NVFP4_SAGE3 -> Nvfp4Quantizer.sageAttention3(x, ROWS, D);
            case NVFP4_IEEE -> Nvfp4Quantizer.singleLevelIeee(x, ROWS, D);
            case NVFP4_TE -> Nvfp4Quantizer.transformerEngine(x, ROWS, D);
            case MXFP4_OCP -> Mxfp4Quantizer.quantize(x, ROWS, D, Mxfp4Quantizer.ScaleRule.OCP_FLOOR);
            case MXFP4_RCEIL -> Mxfp4Quantizer.quantize(x, ROWS, D, Mxfp4Quantizer.ScaleRule.NVIDIA_RCEIL);
            case INT8_K_PER_THREAD_128, INT8_K_PER_BLOCK_128, INT8_Q_PER_WARP_16, INT8_Q_PER_THREAD_16 ->
                    Int8Quantizer.quantize(x, HEADS, N, D, q.grouping(), means);
            case FP8_V_SMOOTH -> Fp8VQuantizer.quantize(x, HEADS, N, D, V_PAD, true);
            case P_TWO_LEVEL -> TwoLevelPQuantizer.quantize(x, ROWS, D);
        };
    }

    /**
     * The reference quantizer (always io.sage4j.reference.quant) on a slice: {@code rows} rows of
     * {@code [rows][D]} for the row-block quantizers, or one head {@code [1][N][D]} for INT8 and FP8 V.
     */
    static Object referenceSlice(Quantizer q, float[] slice, int rows, float[] headMeans) {
        return switch (q) {
            case NVFP4_SAGE3 -> Nvfp4Quantizer.sageAttention3(slice, rows, D);
            case NVFP4_IEEE -> Nvfp4Quantizer.singleLevelIeee(slice, rows, D);
            case NVFP4_TE -> Nvfp4Quantizer.transformerEngine(slice, rows, D);
            case MXFP4_OCP -> Mxfp4Quantizer.quantize(slice, rows, D, Mxfp4Quantizer.ScaleRule.OCP_FLOOR);
            case MXFP4_RCEIL -> Mxfp4Quantizer.quantize(slice, rows, D, Mxfp4Quantizer.ScaleRule.NVIDIA_RCEIL);
            case INT8_K_PER_THREAD_128, INT8_K_PER_BLOCK_128, INT8_Q_PER_WARP_16, INT8_Q_PER_THREAD_16 ->
                    Int8Quantizer.quantize(slice, 1, N, D, q.grouping(), headMeans);
            case FP8_V_SMOOTH -> Fp8VQuantizer.quantize(slice, 1, N, D, V_PAD, true);
            case P_TWO_LEVEL -> TwoLevelPQuantizer.quantize(slice, rows, D);
        };
    }

    /**
     * Compares the whole-tensor result with the reference on sampled slices; throws
     * IllegalStateException on the first difference.
     */
    static void verify(Quantizer q, float[] x, float[] means, Object full) {
        SplittableRandom pick = new SplittableRandom(SEED_SAMPLES);
        if (q.isInt8() || q == Quantizer.FP8_V_SMOOTH) {
            int[] heads = {0, HEADS - 1, 1 + pick.nextInt(HEADS - 2)};
            for (int h : heads) {
                float[] slice = Arrays.copyOfRange(x, h * N * D, (h + 1) * N * D);
                float[] headMeans = means == null ? null : Arrays.copyOfRange(means, h * D, (h + 1) * D);
                Object ref = referenceSlice(q, slice, 1, headMeans);
                if (full instanceof Int8Tensor f && ref instanceof Int8Tensor r) {
                    int groups = r.scales().length;
                    same(q, "int8 codes of head " + h, f.codes(), h * N * D, r.codes());
                    same(q, "int8 scales of head " + h, f.scales(), h * groups, r.scales());
                    if ((f.means() == null) != (r.means() == null)) {
                        throw new IllegalStateException(q + ": means present in one result only");
                    }
                    if (f.means() != null) {
                        same(q, "int8 means of head " + h, f.means(), h * D, r.means());
                    }
                } else if (full instanceof Fp8VTensor f && ref instanceof Fp8VTensor r) {
                    if (f.paddedTokens() != r.paddedTokens()) {
                        throw new IllegalStateException(q + ": padded tokens " + f.paddedTokens() + " vs " + r.paddedTokens());
                    }
                    same(q, "fp8 codes of head " + h, f.codes(), h * D * r.paddedTokens(), r.codes());
                    same(q, "fp8 scales of head " + h, f.scales(), h * D, r.scales());
                    same(q, "fp8 means of head " + h, f.means(), h * D, r.means());
                } else {
                    throw new IllegalStateException(q + ": unexpected result types " + full.getClass() + ", " + ref.getClass());
                }
            }
            return;
        }
        List<Integer> starts = new ArrayList<>(List.of(0, ROWS - SLICE_ROWS));
        for (int i = 0; i < 4; i++) {
            starts.add(pick.nextInt(ROWS / SLICE_ROWS) * SLICE_ROWS);
        }
        int amaxRow = q == Quantizer.NVFP4_TE ? rowOfAbsMax(x) : -1;
        for (int r0 : starts) {
            // TE's tensor scale comes from the global amax: give the slice the row holding it, so that the
            // slice's tensor scale is the whole tensor's and its first SLICE_ROWS rows must match exactly.
            boolean addAmaxRow = amaxRow >= 0 && (amaxRow < r0 || amaxRow >= r0 + SLICE_ROWS);
            int rows = SLICE_ROWS + (addAmaxRow ? 1 : 0);
            float[] slice = new float[rows * D];
            System.arraycopy(x, r0 * D, slice, 0, SLICE_ROWS * D);
            if (addAmaxRow) {
                System.arraycopy(x, amaxRow * D, slice, SLICE_ROWS * D, D);
            }
            Object ref = referenceSlice(q, slice, rows, null);
            String where = " of rows [" + r0 + ", " + (r0 + SLICE_ROWS) + ")";
            int codeFrom = r0 * D / 2;
            int codeLen = SLICE_ROWS * D / 2;
            if (full instanceof Nvfp4Tensor f && ref instanceof Nvfp4Tensor r) {
                int scaleFrom = r0 * D / Nvfp4Tensor.BLOCK;
                int scaleLen = SLICE_ROWS * D / Nvfp4Tensor.BLOCK;
                same(q, "nvfp4 codes" + where, f.codes(), codeFrom, Arrays.copyOf(r.codes(), codeLen));
                same(q, "nvfp4 scales" + where, f.scales(), scaleFrom, Arrays.copyOf(r.scales(), scaleLen));
                if (Float.floatToRawIntBits(f.tensorScale()) != Float.floatToRawIntBits(r.tensorScale())) {
                    throw new IllegalStateException(q + ": tensor scale " + f.tensorScale() + " vs reference " + r.tensorScale());
                }
            } else if (full instanceof Mxfp4Tensor f && ref instanceof Mxfp4Tensor r) {
                same(q, "mxfp4 codes" + where, f.codes(), codeFrom, r.codes());
                same(q, "mxfp4 scales" + where, f.scales(), r0 * D / Mxfp4Tensor.BLOCK, r.scales());
            } else if (full instanceof TwoLevelPQuantizer.Result f && ref instanceof TwoLevelPQuantizer.Result r) {
                same(q, "P row scales" + where, f.rowScales(), r0, r.rowScales());
                same(q, "P codes" + where, f.blocks().codes(), codeFrom, r.blocks().codes());
                same(q, "P block scales" + where, f.blocks().scales(), r0 * D / Nvfp4Tensor.BLOCK, r.blocks().scales());
            } else {
                throw new IllegalStateException(q + ": unexpected result types " + full.getClass() + ", " + ref.getClass());
            }
        }
    }

    static void same(Quantizer q, String what, byte[] full, int from, byte[] ref) {
        int mismatch = Arrays.mismatch(full, from, from + ref.length, ref, 0, ref.length);
        if (mismatch >= 0) {
            throw new IllegalStateException(q + ": " + what + " differ from the reference at offset " + mismatch
                    + ": 0x" + Integer.toHexString(full[from + mismatch] & 0xFF)
                    + " vs 0x" + Integer.toHexString(ref[mismatch] & 0xFF));
        }
    }

    static void same(Quantizer q, String what, float[] full, int from, float[] ref) {
        for (int i = 0; i < ref.length; i++) {
            if (Float.floatToRawIntBits(full[from + i]) != Float.floatToRawIntBits(ref[i])) {
                throw new IllegalStateException(q + ": " + what + " differ from the reference at offset " + i
                        + ": " + full[from + i] + " vs " + ref[i]);
            }
        }
    }

    static int rowOfAbsMax(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (Math.abs(x[i]) > Math.abs(x[best])) {
                best = i;
            }
        }
        return best / D;
    }

    // ---------------------------------------------------------------------------------------------------
    // Inputs, deterministic.

    /**
     * Q/K/V-like activations {@code [heads][tokens][dim]}: standard Gaussian per element plus, in each head,
     * four outlier channels with a large per-channel offset (±8..24) and a 3× wider spread, as real K has.
     */
    static float[] activations(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[ELEMENTS];
        float[] bias = new float[D];
        float[] spread = new float[D];
        for (int h = 0; h < HEADS; h++) {
            Arrays.fill(bias, 0f);
            Arrays.fill(spread, 1f);
            for (int k = 0; k < 4; k++) {
                int c = rnd.nextInt(D);
                bias[c] = (float) ((rnd.nextBoolean() ? 1 : -1) * rnd.nextDouble(8, 24));
                spread[c] = 3f;
            }
            for (int t = 0; t < N; t++) {
                int row = (h * N + t) * D;
                for (int c = 0; c < D; c++) {
                    x[row + c] = (float) (bias[c] + spread[c] * rnd.nextGaussian());
                }
            }
        }
        return x;
    }

    /** Un-normalised probabilities P = exp(-|g|), g standard Gaussian: values in (0, 1]. */
    static float[] probabilities(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] p = new float[ELEMENTS];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) Math.exp(-Math.abs(rnd.nextGaussian()));
        }
        return p;
    }
}
