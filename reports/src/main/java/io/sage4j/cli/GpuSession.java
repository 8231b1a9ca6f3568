package io.sage4j.cli;

import io.sage4j.cuda.CudaModule;
import io.sage4j.fp4cuda.Fp4CudaKernels;
import io.sage4j.fp4cuda.Fp4CudaQuantizerBench;
import io.sage4j.fp4cuda.Fp4CudaQuantizers;
import io.sage4j.fp4cuda.Fp4CudaVerification;
import io.sage4j.int8cuda.Int8CudaAttention;
import io.sage4j.int8cuda.Int8CudaKernels;
import io.sage4j.int8cuda.Int8CudaQuantizerBench;
import io.sage4j.int8cuda.Int8CudaQuantizers;
import io.sage4j.int8cuda.Int8CudaVerification;
import io.sage4j.cuda.KernelTimer;
import io.sage4j.verify.VerificationResult;
import java.util.List;
import java.util.function.IntConsumer;

/** One CUDA backend's quantizers loaded in the current context, behind what the commands need of them. */
interface GpuSession extends AutoCloseable {
    /** A timed quantizer: name, shape, bytes moved, timing. */
    record BenchRow(String quantizer, String shape, long bytes, KernelTimer.Timing timing) {}

    /** The loaded module (it carries the conversion check kernel too). */
    CudaModule module();

    List<VerificationResult> verify(int cases, long seed, IntConsumer progress);

    List<BenchRow> bench(int heads, int tokens, int dim, int warmup, int repeats);

    /** The attention kernel, where the backend has one (else null). */
    default Int8CudaAttention attention() {
        return null;
    }

    @Override
    void close();

    /** Opens the named backend's session; a context must be current. */
    static GpuSession open(String backend) {
        return switch (backend) {
            case Int8CudaKernels.NAME -> new GpuSession() {
                private final Int8CudaQuantizers q = new Int8CudaQuantizers();
                private final Int8CudaAttention a = new Int8CudaAttention(q);
                @Override public CudaModule module() { return q.module(); }
                @Override public Int8CudaAttention attention() { return a; }
                @Override public List<VerificationResult> verify(int cases, long seed, IntConsumer progress) {
                    return Int8CudaVerification.run(q, cases, seed, progress);
                }
                @Override public List<BenchRow> bench(int heads, int tokens, int dim, int warmup, int repeats) {
                    return Int8CudaQuantizerBench.run(q, heads, tokens, dim, warmup, repeats).stream()
                            .map(r -> new BenchRow(r.quantizer(), r.shape(), r.bytes(), r.timing())).toList();
                }
                @Override public void close() {
                    a.close();
                    q.close();
                }
            };
            case Fp4CudaKernels.NAME -> new GpuSession() {
                private final Fp4CudaQuantizers q = new Fp4CudaQuantizers();
                @Override public CudaModule module() { return q.module(); }
                @Override public List<VerificationResult> verify(int cases, long seed, IntConsumer progress) {
                    return Fp4CudaVerification.run(q, cases, seed, progress);
                }
                @Override public List<BenchRow> bench(int heads, int tokens, int dim, int warmup, int repeats) {
                    return Fp4CudaQuantizerBench.run(q, heads, tokens, dim, warmup, repeats).stream()
                            .map(r -> new BenchRow(r.quantizer(), r.shape(), r.bytes(), r.timing())).toList();
                }
                @Override public void close() { q.close(); }
            };
            default -> throw new IllegalArgumentException("unknown backend '" + backend + "'; known: " + GpuBackends.names());
        };
    }
}
