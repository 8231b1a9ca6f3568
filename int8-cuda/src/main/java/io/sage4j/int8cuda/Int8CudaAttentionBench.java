package io.sage4j.int8cuda;

import io.sage4j.cuda.CudaModule;
import io.sage4j.cuda.CudaScope;
import io.sage4j.cuda.CudaStream;
import io.sage4j.cuda.DeviceBuffer;
import io.sage4j.cuda.KernelArgs;
import io.sage4j.cuda.KernelAvailability;
import io.sage4j.cuda.KernelTimer;
import java.util.ArrayList;
import java.util.List;

/**
 * TOPS of the int8-cuda attention, kernel-only (pre-quantized inputs) and whole call (fp32 Q, K, V in,
 * quantization and smoothing included), B and H given, TOPS = 4·B·H·N²·D / t, halved for causal
 * (the convention of FlashAttention and SageAttention). Inputs are N(0,1), generated on the GPU.
 */
public final class Int8CudaAttentionBench {
    /** One measured configuration. */
    public record Row(int batch, int heads, int headDim, int seqLen, boolean causal, String kind,
                      KernelTimer.Timing timing, double tops) {}

    private Int8CudaAttentionBench() {}

    public static List<Row> run(Int8CudaAttention gpu, int batch, int heads, List<Integer> headDims, List<Integer> seqLens,
                                List<Boolean> causals, int warmup, int repeats) {
        List<Row> rows = new ArrayList<>();
        CudaStream s = CudaStream.DEFAULT;
        try (CudaModule random = KernelAvailability.load(Int8CudaAttentionBench.class, Int8CudaKernels.NAME, "attn_int8_fp8")) {
            CudaModule.Kernel fill = random.kernel("sage4j_fill_gaussian");
            for (int dim : headDims) {
                for (int n : seqLens) {
                    try (CudaScope scope = new CudaScope()) {
                        long elements = (long) batch * heads * n * dim;
                        DeviceBuffer q = scope.allocate(4 * elements);
                        DeviceBuffer k = scope.allocate(4 * elements);
                        DeviceBuffer v = scope.allocate(4 * elements);
                        long seed = 1;
                        for (DeviceBuffer x : List.of(q, k, v)) {
                            try (KernelArgs args = new KernelArgs().pointer(x).i64(elements).i64(seed++)) {
                                fill.launch((int) ((elements + 255) / 256), 1, 1, 256, 0, s, args);
                            }
                        }
                        Int8CudaAttention.Buffers b = gpu.allocate(scope, batch, heads, heads, n, n, dim);
                        float scale = (float) (1.0 / Math.sqrt(dim));
                        gpu.quantizeAndAttend(q, k, v, b, batch, heads, heads, n, n, dim, false, 0, scale, s);
                        for (boolean causal : causals) {
                            double flops = 4.0 * batch * heads * (double) n * n * dim / (causal ? 2 : 1);
                            KernelTimer.Timing kernel = KernelTimer.time(
                                    () -> gpu.attend(b, batch, heads, heads, n, n, dim, causal, 0, scale, s), warmup, repeats, s);
                            rows.add(new Row(batch, heads, dim, n, causal, "kernel", kernel, flops / (kernel.medianMs() * 1e-3) / 1e12));
                            KernelTimer.Timing call = KernelTimer.time(
                                    () -> gpu.quantizeAndAttend(q, k, v, b, batch, heads, heads, n, n, dim, causal, 0, scale, s),
                                    warmup, repeats, s);
                            rows.add(new Row(batch, heads, dim, n, causal, "call", call, flops / (call.medianMs() * 1e-3) / 1e12));
                        }
                    }
                }
            }
        }
        return rows;
    }
}
