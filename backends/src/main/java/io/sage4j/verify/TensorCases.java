package io.sage4j.verify;

import io.sage4j.reference.format.Bf16;
import io.sage4j.reference.format.E2M1;
import io.sage4j.reference.format.E4M3;
import io.sage4j.reference.format.Fp16;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random and adversarial tensors for comparing GPU quantizers with the reference: every family
 * aims at a place where a kernel and the reference could disagree (rounding ties, scale saturation,
 * subnormals, all-zero groups, NaN and infinity, outlier channels, fp16/bf16-representable inputs).
 * Case i of a run with seed s is always the same tensor.
 */
public final class TensorCases {
    /** The families, in the order cases cycle through them. */
    public static final List<String> FAMILIES = List.of("gaussian", "channel-bias", "outliers", "tiny", "zero-blocks",
            "ties", "saturating", "non-finite", "fp16-values", "bf16-values");

    private TensorCases() {}

    /**
     * Case {@code index} of a run seeded with {@code seed}; dims are multiples of {@code dimMultiple}
     * (16 for NVFP4, 32 for MXFP4, 1 otherwise), at most 128.
     */
    public static TensorCase generate(long seed, int index, int dimMultiple) {
        long caseSeed = new SplittableRandom(seed).split().nextLong() ^ (0x9E3779B97F4A7C15L * (index + 1));
        SplittableRandom r = new SplittableRandom(caseSeed);
        String family = FAMILIES.get(index % FAMILIES.size());
        int heads = 1 + r.nextInt(3);
        int tokens = 1 + r.nextInt(index % 7 == 0 ? 700 : 160);
        int dims = Math.max(1, 128 / dimMultiple);
        int dim = dimMultiple * (1 + r.nextInt(dims));
        float[] x = new float[heads * tokens * dim];
        fill(family, r, x, dim);
        return new TensorCase(family, caseSeed, heads, tokens, dim, x);
    }

    private static void fill(String family, SplittableRandom r, float[] x, int dim) {
        float[] offsets = new float[dim];
        for (int c = 0; c < dim; c++) {
            offsets[c] = (float) (r.nextGaussian() * 20);
        }
        for (int i = 0; i < x.length; i++) {
            float g = (float) r.nextGaussian();
            x[i] = switch (family) {
                case "gaussian" -> g;
                case "channel-bias" -> g + offsets[i % dim];
                case "outliers" -> r.nextInt(50) == 0 ? g * (float) Math.pow(10, 1 + r.nextInt(30)) : g;
                case "tiny" -> Math.scalb(g, -100 - r.nextInt(50));  // many float32 subnormals
                case "zero-blocks" -> (i / 16) % 3 == 0 ? (r.nextBoolean() ? 0f : -0f) : g;
                case "ties" -> tie(r);
                case "saturating" -> g * 1e4f * (1 + r.nextInt(1000));
                case "non-finite" -> nonFinite(r, g);
                case "fp16-values" -> Fp16.decode(Fp16.encodeRne(g * 8));
                case "bf16-values" -> Bf16.decode(Bf16.encodeRne(g * 8 + offsets[i % dim]));
                default -> throw new IllegalStateException(family);
            };
        }
    }

    /** A representable value or a midpoint between two: E2M1 and E4M3 grid points and ties, random sign and power of two. */
    private static float tie(SplittableRandom r) {
        float v;
        if (r.nextBoolean()) {
            int code = r.nextInt(7);
            v = (E2M1.decode(code) + E2M1.decode(code + 1)) / 2 * (r.nextBoolean() ? 1 : 0) + E2M1.decode(code) * (r.nextInt(3) == 0 ? 1 : 0);
        } else {
            int code = r.nextInt(0x7E);
            v = r.nextBoolean() ? (E4M3.decode(code) + E4M3.decode(code + 1)) / 2 : E4M3.decode(code);
        }
        v = Math.scalb(v, r.nextInt(9) - 4);
        return r.nextBoolean() ? -v : v;
    }

    private static float nonFinite(SplittableRandom r, float g) {
        return switch (r.nextInt(40)) {
            case 0 -> Float.NaN;
            case 1 -> Float.intBitsToFloat(0xFFC00001);  // negative NaN with a payload
            case 2 -> Float.POSITIVE_INFINITY;
            case 3 -> Float.NEGATIVE_INFINITY;
            case 4 -> Float.MAX_VALUE;
            default -> g;
        };
    }
}
