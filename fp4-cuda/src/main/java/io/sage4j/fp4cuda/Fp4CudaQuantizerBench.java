package io.sage4j.fp4cuda;

import io.sage4j.cuda.CudaScope;
import io.sage4j.cuda.CudaStream;
import io.sage4j.cuda.DeviceBuffer;
import io.sage4j.cuda.KernelTimer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Kernel-only timing of the fp4-cuda quantizers on resident device buffers, with achieved bandwidth
 * counted as the fewest bytes moved: the fp32 input read once, packed codes and scale bytes written once.
 */
public final class Fp4CudaQuantizerBench {
    /** One timed quantizer. */
    public record Row(String quantizer, String shape, long bytes, KernelTimer.Timing timing) {}

    private Fp4CudaQuantizerBench() {}

    /** Times the fp4-cuda quantizers on {@code [heads][tokens][dim]} fp32 Gaussian values (dim % 16 == 0). */
    public static List<Row> run(Fp4CudaQuantizers gpu, int heads, int tokens, int dim, int warmup, int repeats) {
        long n = (long) heads * tokens * dim;
        if (n > Integer.MAX_VALUE || dim % 16 != 0 || tokens % 16 != 0) {
            throw new IllegalArgumentException("need heads·tokens·dim to fit an int and dim, tokens multiples of 16; got "
                    + heads + ", " + tokens + ", " + dim);
        }
        float[] host = new float[(int) n];
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < host.length; i++) {
            host[i] = (float) r.nextGaussian();
        }
        String shape = "[" + heads + "][" + tokens + "][" + dim + "] fp32";
        long bytes = 4 * n + n / 2 + n / 16;
        List<Row> rows = new ArrayList<>();
        try (CudaScope scope = new CudaScope()) {
            DeviceBuffer x = scope.copyOf(host);
            DeviceBuffer codes = scope.allocate(n / 2);
            DeviceBuffer scales = scope.allocate(n / 16);
            CudaStream s = CudaStream.DEFAULT;
            for (Nvfp4Variant variant : Nvfp4Variant.values()) {
                rows.add(new Row("nvfp4 rows " + variant, shape, bytes, KernelTimer.time(
                        () -> gpu.launchRows(x, null, codes, scales, heads, tokens, dim, 0, variant, s), warmup, repeats, s)));
            }
            rows.add(new Row("nvfp4 V transposed IEEE", shape, bytes, KernelTimer.time(
                    () -> gpu.launchTransposed(x, codes, scales, heads, tokens, dim, tokens, Nvfp4Variant.IEEE, s),
                    warmup, repeats, s)));
        }
        return rows;
    }
}
