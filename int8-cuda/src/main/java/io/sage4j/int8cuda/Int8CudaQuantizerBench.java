package io.sage4j.int8cuda;

import io.sage4j.cuda.CudaScope;
import io.sage4j.cuda.CudaStream;
import io.sage4j.cuda.DeviceBuffer;
import io.sage4j.cuda.KernelTimer;
import io.sage4j.reference.quant.TokenGrouping;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Kernel-only timing of the int8-cuda quantizers on resident device buffers (no copies), with achieved
 * bandwidth counted as the fewest bytes the job must move: the input read once, codes, scales and means
 * written once. Compared with the card's copy bandwidth measured in the same run.
 */
public final class Int8CudaQuantizerBench {
    /** One timed quantizer. */
    public record Row(String quantizer, String shape, long bytes, KernelTimer.Timing timing) {}

    private Int8CudaQuantizerBench() {}

    /** Times every int8-cuda quantizer on x of {@code [heads][tokens][dim]} fp32 Gaussian values. */
    public static List<Row> run(Int8CudaQuantizers gpu, int heads, int tokens, int dim, int warmup, int repeats) {
        long n = (long) heads * tokens * dim;
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("heads·tokens·dim must fit an int, got " + n);
        }
        float[] host = new float[(int) n];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < host.length; i++) {
            host[i] = (float) r.nextGaussian();
        }
        String shape = "[" + heads + "][" + tokens + "][" + dim + "] fp32";
        List<Row> rows = new ArrayList<>();
        try (CudaScope scope = new CudaScope()) {
            DeviceBuffer x = scope.copyOf(host);
            DeviceBuffer codes = scope.allocate(n);
            DeviceBuffer means = scope.allocate(4L * heads * dim);
            TokenGrouping[] groupings = {TokenGrouping.perThreadK(128), TokenGrouping.perBlock(128), TokenGrouping.perThreadQ(16)};
            DeviceBuffer scales = scope.allocate(4L * heads * TokenGrouping.perThreadQ(16).groupCount(tokens));
            CudaStream s = CudaStream.DEFAULT;
            for (TokenGrouping g : groupings) {
                long bytes = 4 * n + n + 4L * heads * g.groupCount(tokens);
                KernelTimer.Timing t = KernelTimer.time(() -> gpu.launchInt8(x, null, codes, scales, heads, tokens, dim, g, s),
                        warmup, repeats, s);
                rows.add(new Row("int8 " + g.kind() + "(" + g.tokens() + ")", shape, bytes, t));
            }
            TokenGrouping k = TokenGrouping.perThreadK(128);
            long smoothBytes = 4 * n + n + 4L * heads * k.groupCount(tokens) + 4L * heads * dim;
            rows.add(new Row("int8 K smoothed: means + PER_THREAD_K(128)", shape, smoothBytes, KernelTimer.time(() -> {
                gpu.launchMeans(x, means, heads, tokens, dim, tokens, 1, s);
                gpu.launchInt8(x, means, codes, scales, heads, tokens, dim, k, s);
            }, warmup, repeats, s)));
            int padded = (tokens + 127) / 128 * 128;
            DeviceBuffer vCodes = scope.allocate((long) heads * dim * padded);
            DeviceBuffer amax = scope.allocate(4L * heads * dim);
            long vBytes = 4 * n + (long) heads * dim * padded + 4L * heads * dim;  // one read; the job needs two
            rows.add(new Row("fp8 V per channel (transposed, pad 128)", shape, vBytes, KernelTimer.time(
                    () -> gpu.launchV(x, null, amax, vCodes, scales, heads, tokens, dim, padded, s), warmup, repeats, s)));
        }
        return rows;
    }
}
