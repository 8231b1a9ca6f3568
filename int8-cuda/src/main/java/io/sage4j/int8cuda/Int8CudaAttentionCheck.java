package io.sage4j.int8cuda;

import io.sage4j.reference.attention.AttentionInputs;
import io.sage4j.reference.attention.AttentionMetrics;
import io.sage4j.reference.attention.AttentionOptions;
import io.sage4j.reference.attention.AttentionShape;
import io.sage4j.reference.attention.CausalAlignment;
import io.sage4j.reference.attention.ErrorStats;
import io.sage4j.reference.attention.ExactAttention;
import io.sage4j.reference.attention.Layout;
import io.sage4j.reference.attention.PvAccumulation;
import io.sage4j.reference.attention.Sage2Config;
import io.sage4j.reference.attention.SageAttention2Algorithm;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The int8-cuda attention kernel against the algorithm it implements (SageAttention2 with the sm90 config
 * and FP32 PV accumulation, on the same quantized inputs: the quantizers are byte-identical) and against
 * exact float64 attention, over seeded shapes: gaussian and channel-bias K, MHA and GQA, causal and not,
 * head dims 64 and 128, lengths that are not multiples of the tiles.
 */
public final class Int8CudaAttentionCheck {
    /** One shape's outcome: the kernel vs its algorithm, and the kernel and the algorithm vs exact attention. */
    public record Row(String workload, AttentionShape shape, boolean causal, ErrorStats vsAlgorithm,
                      ErrorStats kernelVsExact, ErrorStats algorithmVsExact) {}

    private record Case(String workload, int batch, int hq, int hkv, int nq, int nk, int dim, boolean causal) {}

    private static final List<Case> CASES = List.of(
            new Case("gaussian", 1, 4, 4, 1024, 1024, 128, false),
            new Case("gaussian", 1, 4, 4, 1024, 1024, 64, false),
            new Case("gaussian", 1, 4, 4, 1024, 1024, 128, true),
            new Case("channel-bias K", 1, 4, 4, 777, 1000, 128, false),
            new Case("gaussian GQA 8/2", 2, 8, 2, 300, 513, 64, true),
            new Case("gaussian, Nq < Nk", 1, 2, 2, 100, 2000, 128, false));

    private Int8CudaAttentionCheck() {}

    /** Runs every case; the caller judges the rows. */
    public static List<Row> run(Int8CudaAttention gpu, long seed) {
        List<Row> rows = new ArrayList<>();
        Sage2Config config = Sage2Config.sm90().withPvAccumulation(PvAccumulation.FP32);
        for (Case c : CASES) {
            SplittableRandom r = new SplittableRandom(seed ^ c.hashCode());
            AttentionShape shape = new AttentionShape(c.batch(), c.hq(), c.hkv(), c.nq(), c.nk(), c.dim());
            float[] q = gaussian(r, shape.queryElements(), 0, c.dim());
            float[] k = gaussian(r, shape.keyElements(), c.workload().startsWith("channel-bias") ? 20 : 0, c.dim());
            float[] v = gaussian(r, shape.keyElements(), 0, c.dim());
            AttentionOptions options = c.causal() ? AttentionOptions.DEFAULT.withCausal(CausalAlignment.TOP_LEFT)
                    : AttentionOptions.DEFAULT;
            AttentionInputs inputs = new AttentionInputs(shape, Layout.HND, q, k, v, options);
            float[] algorithm = new SageAttention2Algorithm(config).compute(inputs).output();
            double[] exact = new ExactAttention().computeExact(inputs).output();
            float[] kernel = gpu.forward(q, k, v, c.batch(), c.hq(), c.hkv(), c.nq(), c.nk(), c.dim(), c.causal(), 0,
                    options.resolvedScale(c.dim()));
            double[] algorithmAsDouble = new double[algorithm.length];
            for (int i = 0; i < algorithm.length; i++) {
                algorithmAsDouble[i] = algorithm[i];
            }
            rows.add(new Row(c.workload(), shape, c.causal(), AttentionMetrics.compare(algorithmAsDouble, kernel),
                    AttentionMetrics.compare(exact, kernel), AttentionMetrics.compare(exact, algorithm)));
        }
        return rows;
    }

    /** N(0,1) per element plus, with {@code channelOffset} > 0, a per-channel offset N(0, offset²) shared by all tokens. */
    private static float[] gaussian(SplittableRandom r, int n, float channelOffset, int dim) {
        float[] offsets = new float[dim];
        for (int c = 0; c < dim; c++) {
            offsets[c] = (float) (r.nextGaussian() * channelOffset);
        }
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian() + offsets[i % dim];
        }
        return x;
    }
}
