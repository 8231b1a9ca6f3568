package io.sage4j.reference.attention;

import java.util.SplittableRandom;

/** Seeded test tensors. */
final class Workloads {
    private Workloads() {}

    /** Independent N(0, 1) float32 values. */
    static float[] gaussian(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    /**
     * N(0, 1) values plus a per-channel offset shared by every token (the outlier pattern K smoothing is for):
     * offset[c] ~ N(0, offsetStd²), one per channel, the same for every head. x has the given layout's
     * channel as its fastest axis, so channel = index % dim.
     */
    static float[] withChannelOffsets(long seed, int count, int dim, double offsetStd) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] offsets = new float[dim];
        for (int c = 0; c < dim; c++) {
            offsets[c] = (float) (random.nextGaussian() * offsetStd);
        }
        float[] x = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = (float) random.nextGaussian() + offsets[i % dim];
        }
        return x;
    }

    /** Gaussian q, k, v of {@code shape} (seeds seed, seed+1, seed+2). */
    static AttentionInputs gaussianInputs(long seed, AttentionShape shape, Layout layout, AttentionOptions options) {
        return new AttentionInputs(shape, layout, gaussian(seed, shape.queryElements()),
                gaussian(seed + 1, shape.keyElements()), gaussian(seed + 2, shape.keyElements()), options);
    }
}
