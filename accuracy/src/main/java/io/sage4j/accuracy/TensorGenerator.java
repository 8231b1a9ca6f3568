package io.sage4j.accuracy;

import io.sage4j.reference.format.Bf16;
import io.sage4j.reference.format.Fp16;
import java.util.SplittableRandom;

/**
 * Seeded float32 tensors for workloads, head-major {@code [heads][tokens][dim]} (channel fastest). Every method
 * draws from this generator's own stream, so a workload that calls them in a fixed order is reproducible from
 * its seed alone, on every JVM ({@link SplittableRandom} is specified bit for bit).
 */
final class TensorGenerator {
    private final SplittableRandom random;

    /** A generator for {@code seed}, distinct per {@code salt} (the workload's name) so workloads differ. */
    TensorGenerator(long seed, String salt) {
        // String.hashCode is specified by the JLS: stable across JVMs. The golden-ratio multiplier spreads it.
        this.random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (salt.hashCode() + 1L)));
    }

    /** Independent N(0, std²) values. */
    float[] gaussian(int count, double std) {
        float[] x = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = (float) (random.nextGaussian() * std);
        }
        return x;
    }

    /**
     * Independent Student-t values with {@code nu} (&gt; 2) degrees of freedom, scaled to unit variance: heavy tails
     * (for ν = 3 about one value in 400 exceeds 5σ, against one in 3.5 million for a gaussian).
     */
    float[] studentT(int count, int nu) {
        if (nu <= 2) {
            throw new IllegalArgumentException("nu must be > 2 for a finite variance, got " + nu);
        }
        double unitVariance = Math.sqrt((nu - 2.0) / nu);
        float[] x = new float[count];
        for (int i = 0; i < count; i++) {
            double chi2 = 0;
            for (int j = 0; j < nu; j++) {
                double z = random.nextGaussian();
                chi2 += z * z;
            }
            x[i] = (float) (random.nextGaussian() / Math.sqrt(chi2 / nu) * unitVariance);
        }
        return x;
    }

    /**
     * Adds to every token of each head a per-(head, channel) offset drawn from N(0, offsetStd²): the channel-wise
     * bias real keys (and values) carry. Returns the offsets {@code [heads][dim]}.
     */
    float[] addChannelOffsets(float[] x, int heads, int tokens, int dim, double offsetStd) {
        float[] offsets = gaussian(heads * dim, offsetStd);
        add(x, heads, tokens, dim, offsets);
        return offsets;
    }

    /**
     * Adds {@code ±magnitude} (sign drawn per head and channel) to the given channels of every token of each head:
     * outlier channels, the few dimensions that dominate real queries' and keys' magnitudes.
     */
    void addOutlierChannels(float[] x, int heads, int tokens, int dim, int[] channels, double magnitude) {
        float[] offsets = new float[heads * dim];
        for (int h = 0; h < heads; h++) {
            for (int c : channels) {
                offsets[h * dim + c] = (float) (random.nextBoolean() ? magnitude : -magnitude);
            }
        }
        add(x, heads, tokens, dim, offsets);
    }

    /** {@code count} distinct channels of {@code [0, dim)}, in ascending order. */
    int[] distinctChannels(int count, int dim) {
        if (count < 0 || count > dim) {
            throw new IllegalArgumentException("count must be in [0, " + dim + "], got " + count);
        }
        boolean[] picked = new boolean[dim];
        for (int n = 0; n < count; ) {
            int c = random.nextInt(dim);
            if (!picked[c]) {
                picked[c] = true;
                n++;
            }
        }
        int[] out = new int[count];
        for (int c = 0, i = 0; c < dim; c++) {
            if (picked[c]) {
                out[i++] = c;
            }
        }
        return out;
    }

    /** Each value rounded to the nearest bfloat16 (ties to even), in place; returns x. */
    static float[] roundToBf16(float[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Bf16.decode(Bf16.encodeRne(x[i]));
        }
        return x;
    }

    /** Each value rounded to the nearest float16 (ties to even), in place; returns x. Values must fit float16. */
    static float[] roundToFp16(float[] x) {
        for (int i = 0; i < x.length; i++) {
            float r = Fp16.decode(Fp16.encodeRne(x[i]));
            if (!Float.isFinite(r)) {
                throw new IllegalArgumentException("x[" + i + "] = " + x[i] + " overflows float16 (max 65504)");
            }
            x[i] = r;
        }
        return x;
    }

    private static void add(float[] x, int heads, int tokens, int dim, float[] offsets) {
        if (x.length != heads * tokens * dim) {
            throw new IllegalArgumentException("x has " + x.length + " elements but [heads=" + heads + ", tokens="
                    + tokens + ", dim=" + dim + "] needs " + heads * tokens * dim);
        }
        for (int h = 0; h < heads; h++) {
            for (int t = 0; t < tokens; t++) {
                int row = (h * tokens + t) * dim;
                for (int c = 0; c < dim; c++) {
                    x[row + c] += offsets[h * dim + c];
                }
            }
        }
    }
}
