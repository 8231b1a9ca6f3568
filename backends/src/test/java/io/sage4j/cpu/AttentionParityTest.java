package io.sage4j.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sage4j.Algorithm;
import io.sage4j.HostTensor;
import io.sage4j.Mask;
import io.sage4j.QuantGranularity;
import io.sage4j.reference.attention.AttentionInputs;
import io.sage4j.reference.attention.AttentionOptions;
import io.sage4j.reference.attention.AttentionResult;
import io.sage4j.reference.attention.AttentionShape;
import io.sage4j.reference.attention.CausalAlignment;
import io.sage4j.reference.attention.ExactAttention;
import io.sage4j.reference.attention.Fp4Matrix;
import io.sage4j.reference.attention.Layout;
import io.sage4j.reference.attention.Sage2Config;
import io.sage4j.reference.attention.Sage2Intermediates;
import io.sage4j.reference.attention.Sage3Intermediates;
import io.sage4j.reference.attention.SageAttention2Algorithm;
import io.sage4j.reference.attention.SageAttention3Algorithm;
import io.sage4j.reference.quant.Int8Tensor;
import io.sage4j.spi.ReferenceAgreement;
import io.sage4j.spi.ReferenceAlgorithms;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cpu-vector algorithms against the reference algorithms on seeded random calls (GQA, causal with both
 * alignments, boolean and additive masks, ragged lengths): every quantized intermediate bit for bit, the running max
 * bit for bit, and the sums, outputs and LSE within the bounds of {@link CpuVectorAgreement}.
 */
class AttentionParityTest {
    private static final double U = 0x1p-24;

    /** One random call, in both forms. */
    private record Case(String name, AttentionInputs reference, HeadMajorCall vector, ReferenceAgreement bound) {}

    private static Case randomCase(long seed, Algorithm algorithm) {
        SplittableRandom random = new SplittableRandom(seed);
        int batch = 1 + random.nextInt(2);
        int kvHeads = 1 + random.nextInt(2);
        int heads = kvHeads * (1 + random.nextInt(2));
        int tokensQ = 1 + random.nextInt(random.nextBoolean() ? 80 : 300);
        int tokensK = 1 + random.nextInt(random.nextBoolean() ? 80 : 300);
        int dim = 16 * (2 + random.nextInt(algorithm == Algorithm.EXACT ? 15 : 7));
        AttentionShape shape = new AttentionShape(batch, heads, kvHeads, tokensQ, tokensK, dim);
        float[] q = RandomTensors.activations(random, batch * heads, tokensQ, dim, 3 * random.nextDouble());
        float[] k = RandomTensors.activations(random, batch * kvHeads, tokensK, dim, 20 * random.nextDouble());
        float[] v = RandomTensors.activations(random, batch * kvHeads, tokensK, dim, 5 * random.nextDouble());
        boolean causal = random.nextInt(3) == 0;
        CausalAlignment alignment = random.nextBoolean() ? CausalAlignment.TOP_LEFT : CausalAlignment.BOTTOM_RIGHT;
        Mask mask = switch (random.nextInt(4)) {
            case 0 -> {
                boolean[] keep = new boolean[tokensQ * tokensK];
                for (int i = 0; i < keep.length; i++) {
                    keep[i] = random.nextInt(5) != 0;
                }
                yield Mask.keepBroadcast(keep, tokensQ, tokensK);
            }
            case 1 -> {
                float[] bias = new float[batch * heads * tokensQ * tokensK];
                for (int i = 0; i < bias.length; i++) {
                    bias[i] = random.nextInt(7) == 0 ? Float.NEGATIVE_INFINITY : (float) random.nextGaussian();
                }
                yield Mask.additive(bias, batch, heads, tokensQ, tokensK);
            }
            default -> null;
        };
        float scale = random.nextBoolean() ? (float) (1 / Math.sqrt(dim)) : (float) random.nextDouble(0.01, 0.5);
        AttentionOptions options = new AttentionOptions(causal, alignment, scale,
                mask == null ? null : mask.toReference(), true);
        AttentionInputs reference = new AttentionInputs(shape, Layout.HND, q, k, v, options);
        int qRows = HeadMajorCall.paddedRows(tokensQ);
        float[] qPadded = new float[batch * heads * qRows * dim];
        for (int head = 0; head < batch * heads; head++) {
            System.arraycopy(q, head * tokensQ * dim, qPadded, head * qRows * dim, tokensQ * dim);
        }
        HeadMajorCall vector = new HeadMajorCall(shape, qRows, qPadded, k, v, causal, alignment, scale,
                mask == null ? null : mask.additiveTerms(), mask != null && mask.isBroadcast(), true);
        InputMagnitudes magnitudes = InputMagnitudes.of(HostTensor.of(q, q.length), HostTensor.of(k, k.length), dim,
                mask);
        ReferenceAgreement bound = CpuVectorAgreement.of(algorithm, tokensK, dim, scale, magnitudes, Lanes.L);
        String name = "seed " + seed + ": " + shape + " causal=" + causal + "/" + alignment + " mask="
                + (mask == null ? "none" : mask.describe()) + " scale=" + scale;
        return new Case(name, reference, vector, bound);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void sage2QuantizesLikeTheReferenceAndAgreesWithinTheBound(long seed) {
        Case c = randomCase(seed, Algorithm.SAGE2_INT8);
        Sage2Config config = ReferenceAlgorithms.sage2Config(QuantGranularity.values()[(int) (seed % 3)]);
        Sage2Intermediates want = new SageAttention2Algorithm(config).run(c.reference);
        VectorSage2Attention.Run run = VectorSage2Attention.run(c.vector, config, true, null);
        assertArrayEquals(want.kMeans(), run.kMeans(), c.name + " kMeans");
        assertInt8(want.q(), run.q(), c.name + " q");
        assertInt8(want.k(), run.k(), c.name + " k");
        assertArrayEquals(want.v().codes(), run.v().codes(), c.name + " v codes");
        assertArrayEquals(want.v().scales(), run.v().scales(), c.name + " v scales");
        assertArrayEquals(want.rowMax(), run.outcome().rowMax(), c.name + " rowMax");
        // d: both sums' γ, plus cpu-vector's fast exp2 for the unquantized P (9.01u relative)
        double gammaD = CpuVectorAgreement.gamma(128 / Lanes.L + Lanes.L + 2 * tiles(c))
                + CpuVectorAgreement.gamma(c.reference.shape().tokensK() + tiles(c)) + 9.01 * U;
        assertSums(want.rowSum(), run.outcome().rowSum(), 1.001 * gammaD, c.name);
        assertResult(c, want.result(), run.outcome());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23, 24, 25, 26, 27, 28, 29, 30})
    void sage3QuantizesLikeTheReferenceAndAgreesWithinTheBound(long seed) {
        Case c = randomCase(seed, Algorithm.SAGE3_FP4);
        Sage3Intermediates want = new SageAttention3Algorithm(ReferenceAlgorithms.sage3Config()).run(c.reference);
        VectorSage3Attention.Run run = VectorSage3Attention.run(c.vector, ReferenceAlgorithms.sage3Config(), true, null);
        Sage3Intermediates got = run.partial();
        assertArrayEquals(want.kMeans(), got.kMeans(), c.name + " kMeans");
        assertArrayEquals(want.qBlockMeans(), got.qBlockMeans(), c.name + " qBlockMeans");
        assertArrayEquals(want.deltaS(), got.deltaS(), c.name + " deltaS");
        assertFp4(want.q(), got.q(), c.name + " q");
        assertFp4(want.k(), got.k(), c.name + " k");
        assertFp4(want.vTransposed(), got.vTransposed(), c.name + " vTransposed");
        assertEquals(want.paddedKeys(), got.paddedKeys());
        assertArrayEquals(want.pRowScales(), got.pRowScales(), c.name + " pRowScales");
        assertArrayEquals(want.pBlockScales(), got.pBlockScales(), c.name + " pBlockScales");
        assertArrayEquals(want.rowMax(), run.outcome().rowMax(), c.name + " rowMax");
        double gammaD = CpuVectorAgreement.gamma(128 / Lanes.L + Lanes.L + 2 * tiles(c))
                + CpuVectorAgreement.gamma(c.reference.shape().tokensK() + tiles(c));
        assertSums(want.rowSum(), run.outcome().rowSum(), 1.001 * gammaD, c.name);
        assertResult(c, want.result(), run.outcome());
    }

    /**
     * Scores spanning far more than float's 126 binades (q and k scaled up): some KV tiles then have a row max of P̃
     * below 2688/FLT_MAX (where a multiplier 2688/rowMax would overflow) and float-subnormal P̃ — the two-level P
     * quantizer's edge cases, which cpu-vector must reproduce code for code.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {61, 62, 63})
    void sage3ReproducesTheReferenceOnTilesFarBelowTheRowMax(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        AttentionShape shape = new AttentionShape(1, 2, 1, 70, 300, 64);
        float[] q = RandomTensors.activations(random, 2, 70, 64, 0);
        float[] k = RandomTensors.activations(random, 1, 300, 64, 0);
        for (int i = 0; i < q.length; i++) {
            q[i] *= 12;
        }
        for (int i = 0; i < k.length; i++) {
            k[i] *= 12;
        }
        float[] v = RandomTensors.activations(random, 1, 300, 64, 2);
        AttentionInputs reference = new AttentionInputs(shape, Layout.HND, q, k, v,
                new AttentionOptions(false, CausalAlignment.TOP_LEFT, null, null, true));
        int qRows = HeadMajorCall.paddedRows(70);
        float[] qPadded = new float[2 * qRows * 64];
        for (int head = 0; head < 2; head++) {
            System.arraycopy(q, head * 70 * 64, qPadded, head * qRows * 64, 70 * 64);
        }
        HeadMajorCall vector = new HeadMajorCall(shape, qRows, qPadded, k, v, false, CausalAlignment.TOP_LEFT,
                (float) (1 / Math.sqrt(64)), null, false, true);
        Sage3Intermediates want = new SageAttention3Algorithm(ReferenceAlgorithms.sage3Config()).run(reference);
        boolean overflowed = false;
        for (float scale : want.pRowScales()) {
            overflowed |= scale > 0 && scale < 2688f / Float.MAX_VALUE / 2688f * 2;
        }
        VectorSage3Attention.Run run = VectorSage3Attention.run(vector, ReferenceAlgorithms.sage3Config(), true, null);
        assertArrayEquals(want.pRowScales(), run.partial().pRowScales());
        assertArrayEquals(want.pBlockScales(), run.partial().pBlockScales());
        assertArrayEquals(want.rowMax(), run.outcome().rowMax());
        for (float o : run.outcome().output()) {
            assertTrue(Float.isFinite(o), "finite output");
        }
        assertTrue(overflowed, "the inputs must reach a tile row max below 2688/FLT_MAX");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {41, 42, 43, 44, 45, 46, 47, 48, 49, 50})
    void exactAgreesWithFloat64WithinTheBound(long seed) {
        Case c = randomCase(seed, Algorithm.EXACT);
        AttentionResult want = new ExactAttention().compute(c.reference);
        assertResult(c, want, VectorExactAttention.run(c.vector, null));
    }

    private static int tiles(Case c) {
        return (c.reference.shape().tokensK() + 127) / 128;
    }

    private static void assertInt8(Int8Tensor want, Int8Tensor got, String what) {
        assertArrayEquals(want.codes(), got.codes(), what + " codes");
        assertArrayEquals(want.scales(), got.scales(), what + " scales");
        assertArrayEquals(want.means(), got.means(), what + " means");
        assertEquals(want.grouping(), got.grouping(), what + " grouping");
    }

    private static void assertFp4(Fp4Matrix want, Fp4Matrix got, String what) {
        Fp4Matrix.Nvfp4 w = (Fp4Matrix.Nvfp4) want;
        Fp4Matrix.Nvfp4 g = (Fp4Matrix.Nvfp4) got;
        assertEquals(w.rows(), g.rows(), what + " rows");
        assertEquals(w.cols(), g.cols(), what + " cols");
        assertArrayEquals(w.tensor().codes(), g.tensor().codes(), what + " codes");
        assertArrayEquals(w.tensor().scales(), g.tensor().scales(), what + " scales");
    }

    private static void assertSums(float[] want, float[] got, double relative, String what) {
        for (int i = 0; i < want.length; i++) {
            double allowed = relative * Math.abs(want[i]);
            assertTrue(Math.abs(got[i] - want[i]) <= allowed, what + " rowSum " + i + ": " + got[i] + " vs " + want[i]);
        }
    }

    /** Output and LSE within the stated bound; rows without a visible key exactly 0 and −∞. */
    private static void assertResult(Case c, AttentionResult want, AttentionOutcome got) {
        AttentionShape s = c.reference.shape();
        int dim = s.headDim();
        double worst = 0;
        for (int qHead = 0; qHead < s.batch() * s.heads(); qHead++) {
            int kvHead = (qHead / s.heads()) * s.kvHeads() + s.kvHeadOf(qHead % s.heads());
            for (int i = 0; i < s.tokensQ(); i++) {
                int row = qHead * s.tokensQ() + i;
                for (int ch = 0; ch < dim; ch++) {
                    double range = 0;
                    for (int j = 0; j < s.tokensK(); j++) {
                        range = Math.max(range, Math.abs(c.reference.v()[(kvHead * s.tokensK() + j) * dim + ch]));
                    }
                    float w = want.output()[row * dim + ch];
                    float g = got.output()[row * dim + ch];
                    double allowed = c.bound.outputBound(range);
                    worst = Math.max(worst, Math.abs(g - w) / allowed);
                    assertTrue(Math.abs(g - w) <= allowed, c.name + " output row " + row + " ch " + ch + ": " + g
                            + " vs " + w + " (allowed " + allowed + ")");
                }
                float wl = want.lse()[row];
                float gl = got.lse()[row];
                if (wl == Float.NEGATIVE_INFINITY) {
                    assertEquals(wl, gl, c.name + " lse of a row without keys, row " + row);
                } else {
                    assertTrue(Math.abs(gl - wl) <= c.bound.lseBound(wl), c.name + " lse row " + row + ": " + gl
                            + " vs " + wl + " (allowed " + c.bound.lseBound(wl) + ")");
                }
            }
        }
        System.out.printf("%s: worst output error %.3g of the bound%n", c.name, worst);
    }
}
