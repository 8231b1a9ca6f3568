package io.sage4j.perf;

import io.sage4j.Algorithm;
import io.sage4j.AttentionOutput;
import io.sage4j.HostTensor;
import io.sage4j.SageAttention;
import io.sage4j.SageAttentionOptions;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Whole-call CPU attention: {@code SageAttention.sageattn} on the cpu-vector backend (every algorithm) and on the
 * cpu-reference backend, and {@link PlainFloatAttention}, on Gaussian float32 q, k, v in HND, B = 1, Hq = Hkv.
 * FLOPs per call: 4·B·H·N²·D, halved when causal (the {@code flop} counter, reported by JMH as a rate).
 *
 * <ul>
 *   <li>{@link #fast}: cpu-vector with H = 8 (enough 64-row tiles for every core at N = 512) and the plain float32
 *       attention with H = 1 (single-threaded by design; its rate does not depend on H).</li>
 *   <li>{@link #reference}: cpu-reference, H = 1, N ∈ {512, 2048} only (at N = 4096 one call of the scalar reference
 *       takes up to ~10 s: beyond the run's time budget); single-shot, 1 warm-up + 2 measured calls.</li>
 * </ul>
 * Before timing, each trial checks the timed output on 8 sampled query rows against float64 attention computed here
 * ({@link SampledCheck}), so a broken kernel cannot be timed. Correctness proper is the backends module's contract test.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "--add-modules=jdk.incubator.vector"})
public class CpuAttentionBenchmark {
    /** What {@link #fast} times. */
    public enum Impl {
        CPU_VECTOR_EXACT, CPU_VECTOR_SAGE2, CPU_VECTOR_SAGE3, PLAIN_FLOAT32;

        int heads() {
            return this == PLAIN_FLOAT32 ? 1 : 8;
        }

        Algorithm algorithm() {
            return switch (this) {
                case CPU_VECTOR_SAGE2 -> Algorithm.SAGE2_INT8;
                case CPU_VECTOR_SAGE3 -> Algorithm.SAGE3_FP4;
                default -> Algorithm.EXACT;
            };
        }
    }

    /** FLOPs done, reported by JMH as a rate (flop/s). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public double flop;

        @Setup(Level.Iteration)
        public void clean() {
            flop = 0;
        }
    }

    /** One call's inputs. */
    abstract static class Call {
        int tokens;
        int dim;
        int heads;
        boolean causalMask;
        float[] q;
        float[] k;
        float[] v;
        HostTensor qt;
        HostTensor kt;
        HostTensor vt;
        SageAttentionOptions options;
        double flopPerCall;

        void prepare(int n, int d, int h, boolean causal, Algorithm algorithm, String backend) {
            tokens = n;
            dim = d;
            heads = h;
            causalMask = causal;
            q = gaussian(1, h * n * d);
            k = gaussian(2, h * n * d);
            v = gaussian(3, h * n * d);
            qt = HostTensor.of(q, 1, h, n, d);
            kt = HostTensor.of(k, 1, h, n, d);
            vt = HostTensor.of(v, 1, h, n, d);
            options = SageAttentionOptions.defaults().withAlgorithm(algorithm).withCausal(causal).withBackend(backend);
            flopPerCall = 4.0 * h * n * (double) n * d * (causal ? 0.5 : 1);
        }
    }

    @State(Scope.Benchmark)
    public static class FastCall extends Call {
        @Param({"512", "2048", "4096"})
        public int n;
        @Param({"64", "128"})
        public int d;
        @Param({"false", "true"})
        public boolean causal;
        @Param
        public Impl impl;

        @Setup(Level.Trial)
        public void setUp() {
            prepare(n, d, impl.heads(), causal, impl.algorithm(), "cpu-vector");
            float[] out = run(this, impl);
            SampledCheck.require(q, k, v, heads, n, d, causal, out, impl == Impl.CPU_VECTOR_EXACT
                    || impl == Impl.PLAIN_FLOAT32, impl.toString());
        }
    }

    @State(Scope.Benchmark)
    public static class ReferenceCall extends Call {
        @Param({"512", "2048"})
        public int n;
        @Param({"64", "128"})
        public int d;
        @Param({"false", "true"})
        public boolean causal;
        @Param({"EXACT", "SAGE2_INT8", "SAGE3_FP4"})
        public Algorithm algorithm;

        @Setup(Level.Trial)
        public void setUp() {
            prepare(n, d, 1, causal, algorithm, "cpu-reference");
        }
    }

    /**
     * cpu-vector (H = 8) or the plain float32 attention (H = 1): calls per second, and the {@code flop} rate. Five
     * warm-up seconds: the JIT needs about three to compile the vector kernels on a loaded 2-core machine.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
    @Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
    public Object fast(FastCall call, Flops flops) {
        Object out = call.impl == Impl.PLAIN_FLOAT32
                ? PlainFloatAttention.attend(call.q, call.k, call.v, call.heads, call.tokens, call.dim, call.causalMask)
                : SageAttention.sageattn(call.qt, call.kt, call.vt, call.options);
        flops.flop += call.flopPerCall;
        return out;
    }

    /** cpu-reference, H = 1. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 2)
    public AttentionOutput reference(ReferenceCall call, Flops flops) {
        AttentionOutput out = SageAttention.sageattn(call.qt, call.kt, call.vt, call.options);
        flops.flop += call.flopPerCall;
        return out;
    }

    static float[] run(FastCall call, Impl impl) {
        return impl == Impl.PLAIN_FLOAT32
                ? PlainFloatAttention.attend(call.q, call.k, call.v, call.heads, call.tokens, call.dim, call.causalMask)
                : SageAttention.sageattn(call.qt, call.kt, call.vt, call.options).outputArray();
    }

    static float[] gaussian(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
