package io.sage4j.cpu;

import java.util.SplittableRandom;

/** Seeded test values: activations with outlier channels, exact grid ties, tiny and huge magnitudes. */
final class RandomTensors {
    private RandomTensors() {}

    /** Gaussian [heads][tokens][dim] with a per-head channel offset of N(0, spread²) on 4 random channels. */
    static float[] activations(SplittableRandom random, int heads, int tokens, int dim, double spread) {
        float[] x = new float[heads * tokens * dim];
        for (int h = 0; h < heads; h++) {
            double[] offset = new double[dim];
            for (int i = 0; i < 4; i++) {
                offset[random.nextInt(dim)] = random.nextGaussian() * spread;
            }
            for (int t = 0; t < tokens; t++) {
                for (int c = 0; c < dim; c++) {
                    x[(h * tokens + t) * dim + c] = (float) (offset[c] + random.nextGaussian());
                }
            }
        }
        return x;
    }

    /**
     * Adversarial values: a mix of exact quantization-grid ties (k/2, k/8, multiples of powers of two), zeros of
     * both signs, float subnormals, tiny (1e-30) and large (1e4) magnitudes, and plain Gaussians.
     */
    static float[] adversarial(SplittableRandom random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            float sign = random.nextBoolean() ? 1f : -1f;
            x[i] = switch (random.nextInt(9)) {
                case 0 -> sign * random.nextInt(64) / 2f;
                case 1 -> sign * random.nextInt(4096) / 8f;
                case 2 -> sign * (float) Math.scalb(1.0, random.nextInt(40) - 20);
                case 3 -> sign * 0f;
                case 4 -> sign * Float.MIN_VALUE * random.nextInt(1000);
                case 5 -> sign * 1e-30f * (float) random.nextDouble();
                case 6 -> sign * 1e4f * (float) random.nextDouble();
                default -> (float) random.nextGaussian();
            };
        }
        return x;
    }
}
