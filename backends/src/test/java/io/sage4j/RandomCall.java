package io.sage4j;

import io.sage4j.reference.attention.CausalAlignment;
import io.sage4j.reference.attention.Layout;
import io.sage4j.spi.BackendCapabilities;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded random valid dense call that a backend with the given capabilities supports: sizes, GQA, layout, dtype,
 * algorithm and granularity, causal mask and alignment, user masks of every kind, explicit or default scale, LSE.
 * Values: Gaussian activations with outlier channels (K) and a per-case magnitude.
 */
record RandomCall(String description, HostTensor q, HostTensor k, HostTensor v, SageAttentionOptions options) {

    static RandomCall generate(long seed, BackendCapabilities caps, String backend) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Algorithm> algorithms = caps.algorithms().stream().sorted().toList();
        Algorithm algorithm = algorithms.get(random.nextInt(algorithms.size()));
        int batch = 1 + random.nextInt(2);
        int kvHeads = 1 + random.nextInt(2);
        int heads = kvHeads * (1 + random.nextInt(3));
        int tokensQ = 1 + random.nextInt(random.nextInt(4) == 0 ? 200 : 70);
        int tokensK = 1 + random.nextInt(random.nextInt(4) == 0 ? 260 : 90);
        int headDim = headDim(random, caps, algorithm);
        List<DType> dtypes = caps.dtypes().stream().sorted().toList();
        DType dtype = dtypes.get(random.nextInt(dtypes.size()));
        Layout layout = random.nextBoolean() ? Layout.HND : Layout.NHD;
        SageAttentionOptions options = SageAttentionOptions.defaults().withLayout(layout).withAlgorithm(algorithm)
                .withBackend(backend);
        if (algorithm == Algorithm.SAGE2_INT8 && random.nextBoolean()) {
            List<QuantGranularity> grans = caps.granularities().stream().sorted().toList();
            options = options.withGranularity(grans.get(random.nextInt(grans.size())));
        }
        if (random.nextInt(3) == 0) {
            CausalAlignment alignment = random.nextBoolean() ? CausalAlignment.TOP_LEFT : CausalAlignment.BOTTOM_RIGHT;
            if (alignment == CausalAlignment.BOTTOM_RIGHT && tokensK < tokensQ) {
                tokensK = tokensQ + random.nextInt(20);
            }
            options = options.withCausal(alignment);
        }
        if (caps.masks() && random.nextInt(3) == 0) {
            options = options.withMask(mask(random, batch, heads, tokensQ, tokensK));
        }
        if (random.nextBoolean()) {
            options = options.withSmScale((float) random.nextDouble(0.02, 0.4));
        }
        if (caps.lse() && random.nextBoolean()) {
            options = options.withLse();
        }
        double magnitude = Math.pow(10, random.nextDouble(-1, 1));
        int[] qShape = layout == Layout.HND ? new int[] {batch, heads, tokensQ, headDim}
                : new int[] {batch, tokensQ, heads, headDim};
        int[] kShape = layout == Layout.HND ? new int[] {batch, kvHeads, tokensK, headDim}
                : new int[] {batch, tokensK, kvHeads, headDim};
        HostTensor q = HostTensor.of(values(random, batch * heads * tokensQ * headDim, headDim, magnitude, 1), dtype, qShape);
        HostTensor k = HostTensor.of(values(random, batch * kvHeads * tokensK * headDim, headDim, magnitude, 8), dtype,
                kShape);
        HostTensor v = HostTensor.of(values(random, batch * kvHeads * tokensK * headDim, headDim, 1, 2), dtype, kShape);
        String description = "seed " + seed + ": " + algorithm + " " + layout + " " + dtype + " q" + java.util.Arrays.toString(qShape)
                + " k" + java.util.Arrays.toString(kShape) + " causal=" + options.causal() + "/" + options.causalAlignment()
                + " mask=" + (options.mask() == null ? "none" : options.mask().describe()) + " scale=" + options.smScale()
                + " lse=" + options.returnLse() + " granularity=" + options.granularity();
        return new RandomCall(description, q, k, v, options);
    }

    private static int headDim(SplittableRandom random, BackendCapabilities caps, Algorithm algorithm) {
        int multiple = algorithm == Algorithm.SAGE3_FP4 ? Math.max(16, caps.headDimMultiple()) : caps.headDimMultiple();
        int[] preferred = {32, 48, 64, 80, 96, 128, 160, 256};
        for (int attempt = 0; attempt < 100; attempt++) {
            int d = random.nextInt(3) == 0 ? 32 + random.nextInt(225) : preferred[random.nextInt(preferred.length)];
            d = d / multiple * multiple;
            if (caps.supportsHeadDim(d) && d % multiple == 0) {
                return d;
            }
        }
        throw new IllegalStateException("no head dim fits " + caps);
    }

    static Mask mask(SplittableRandom random, int batch, int heads, int tokensQ, int tokensK) {
        boolean broadcast = random.nextBoolean();
        int n = broadcast ? tokensQ * tokensK : batch * heads * tokensQ * tokensK;
        if (random.nextBoolean()) {
            boolean[] keep = new boolean[n];
            for (int i = 0; i < n; i++) {
                keep[i] = random.nextInt(4) != 0;
            }
            return broadcast ? Mask.keepBroadcast(keep, tokensQ, tokensK) : Mask.keep(keep, batch, heads, tokensQ, tokensK);
        }
        float[] bias = new float[n];
        for (int i = 0; i < n; i++) {
            bias[i] = random.nextInt(6) == 0 ? Float.NEGATIVE_INFINITY : (float) (2 * random.nextGaussian());
        }
        return broadcast ? Mask.additiveBroadcast(bias, tokensQ, tokensK) : Mask.additive(bias, batch, heads, tokensQ, tokensK);
    }

    /** Gaussian rows of {@code dim} with a few outlier channels of offset ~ N(0, outlier²), times {@code magnitude}. */
    static float[] values(SplittableRandom random, int n, int dim, double magnitude, double outlier) {
        double[] offset = new double[dim];
        for (int i = 0; i < 3; i++) {
            offset[random.nextInt(dim)] = outlier * random.nextGaussian();
        }
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (magnitude * (offset[i % dim] + random.nextGaussian()));
        }
        return x;
    }
}
