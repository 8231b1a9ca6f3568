package io.sage4j.reference.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * ExactAttention against {@link BruteForceAttention} on generated tiny calls, and its structural identities.
 *
 * <p>Tolerance: both sides are float64 over the same float32 inputs and differ only in operation order and
 * the max shift: each p_ij carries ≤ (Nk + 4) roundings of 2^-53 relative, Nk ≤ 9, so outputs agree to
 * ~(Nk + 4)·2^-53·Σ|v| ≈ 1e-14 for |v| ≤ 4 and LSE to ~1e-15·(1 + |lse|). 1e-12 leaves a 100× margin; any
 * wrong visibility, scale or head mapping moves values by O(0.01) or more.
 */
class ExactAttentionTest {
    private static final double TOLERANCE = 1e-12;

    /** One random call: shape, layout, causal rule, mask kind, and inputs scaled to keep e^s moderate. */
    private record Case(AttentionInputs inputs, int causal, boolean[] keep, float[] bias) {
        BruteForceAttention.Result bruteForce() {
            AttentionShape s = inputs.shape();
            return BruteForceAttention.attention(inputs.q(), inputs.k(), inputs.v(), s.batch(), s.heads(),
                    s.kvHeads(), s.tokensQ(), s.tokensK(), s.headDim(), inputs.layout() == Layout.NHD,
                    inputs.options().resolvedScale(s.headDim()), causal, keep, bias);
        }
    }

    private static Case randomCase(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int kvHeads = 1 + random.nextInt(2);
        AttentionShape shape = new AttentionShape(1 + random.nextInt(2), kvHeads * (1 + random.nextInt(3)), kvHeads,
                1 + random.nextInt(9), 1 + random.nextInt(9), random.nextBoolean() ? 32 : 48);
        Layout layout = random.nextBoolean() ? Layout.HND : Layout.NHD;
        AttentionOptions options = AttentionOptions.DEFAULT.withLse();
        int causal = random.nextInt(3);
        if (causal > 0) {
            options = options.withCausal(causal == 1 ? CausalAlignment.TOP_LEFT : CausalAlignment.BOTTOM_RIGHT);
        }
        if (random.nextBoolean()) {
            options = options.withSmScale(0.05f + random.nextFloat() * 0.2f);
        }
        int nq = shape.tokensQ();
        int nk = shape.tokensK();
        boolean broadcast = random.nextBoolean();
        int maskLength = broadcast ? nq * nk : shape.batch() * shape.heads() * nq * nk;
        boolean[] keep = null;
        float[] bias = null;
        switch (random.nextInt(3)) {
            case 1 -> {
                keep = new boolean[maskLength];
                for (int i = 0; i < maskLength; i++) {
                    keep[i] = random.nextInt(10) < 7;
                }
                options = options.withMask(broadcast ? AttentionMask.keepBroadcast(keep, nq, nk)
                        : AttentionMask.keep(keep, shape.batch(), shape.heads(), nq, nk));
            }
            case 2 -> {
                bias = new float[maskLength];
                for (int i = 0; i < maskLength; i++) {
                    bias[i] = random.nextInt(10) == 0 ? Float.NEGATIVE_INFINITY : (float) random.nextGaussian();
                }
                options = options.withMask(broadcast ? AttentionMask.additiveBroadcast(bias, nq, nk)
                        : AttentionMask.additive(bias, shape.batch(), shape.heads(), nq, nk));
            }
            default -> { }
        }
        AttentionInputs inputs = new AttentionInputs(shape, layout, Workloads.gaussian(seed, shape.queryElements()),
                Workloads.gaussian(seed + 1, shape.keyElements()), Workloads.gaussian(seed + 2, shape.keyElements()),
                options);
        return new Case(inputs, causal, keep, bias);
    }

    @Test
    void matchesTheBruteForceFormulaOnGeneratedTinyCalls() {
        qt().withFixedSeed(0xA77E7L).withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Case c = randomCase(seed);
            ExactResult exact = new ExactAttention().computeExact(c.inputs());
            BruteForceAttention.Result expected = c.bruteForce();
            for (int i = 0; i < expected.output().length; i++) {
                assertEquals(expected.output()[i], exact.output()[i], TOLERANCE, () -> "output of " + c);
            }
            for (int i = 0; i < expected.lse().length; i++) {
                double e = expected.lse()[i];
                if (e == Double.NEGATIVE_INFINITY) {
                    assertEquals(e, exact.lse()[i], "fully masked row's LSE");
                } else {
                    assertEquals(e, exact.lse()[i], TOLERANCE * (1 + Math.abs(e)), () -> "LSE of " + c);
                }
            }
        });
    }

    @Test
    void groupedQueryAttentionEqualsMultiHeadWithRepeatedKvHeads() {
        AttentionShape gqa = new AttentionShape(2, 6, 2, 7, 9, 32);
        AttentionInputs in = Workloads.gaussianInputs(5, gqa, Layout.HND, AttentionOptions.DEFAULT.withLse());
        AttentionShape mha = AttentionShape.mha(2, 6, 7, 9, 32);
        AttentionInputs repeated = new AttentionInputs(mha, Layout.HND, in.q(),
                TestTensors.repeatKvHeads(in.k(), gqa), TestTensors.repeatKvHeads(in.v(), gqa), in.options());
        ExactResult a = new ExactAttention().computeExact(in);
        ExactResult b = new ExactAttention().computeExact(repeated);
        assertArrayEquals(b.output(), a.output(), "same float64 operations, so bit-identical");
        assertArrayEquals(b.lse(), a.lse());
    }

    @Test
    void nhdAndHndGiveTheSameResult() {
        AttentionShape shape = new AttentionShape(2, 4, 2, 5, 6, 32);
        AttentionInputs hnd = Workloads.gaussianInputs(9, shape, Layout.HND,
                AttentionOptions.DEFAULT.withCausal(CausalAlignment.BOTTOM_RIGHT).withLse());
        AttentionInputs nhd = new AttentionInputs(shape, Layout.NHD, TestTensors.toNhd(hnd.q(), 2, 4, 5, 32),
                TestTensors.toNhd(hnd.k(), 2, 2, 6, 32), TestTensors.toNhd(hnd.v(), 2, 2, 6, 32), hnd.options());
        ExactResult a = new ExactAttention().computeExact(hnd);
        ExactResult b = new ExactAttention().computeExact(nhd);
        double[] bAsHnd = new double[a.output().length];
        for (int bb = 0; bb < 2; bb++) {
            for (int h = 0; h < 4; h++) {
                for (int n = 0; n < 5; n++) {
                    for (int c = 0; c < 32; c++) {
                        bAsHnd[((bb * 4 + h) * 5 + n) * 32 + c] = b.output()[((bb * 5 + n) * 4 + h) * 32 + c];
                    }
                }
            }
        }
        assertArrayEquals(a.output(), bAsHnd);
        assertArrayEquals(a.lse(), b.lse(), "LSE is [B, Hq, Nq] in both layouts");
    }

    @Test
    void booleanMaskEqualsAdditiveMaskOfZeroAndMinusInfinityAndBroadcastEqualsFull() {
        AttentionShape shape = AttentionShape.mha(2, 3, 6, 7, 32);
        SplittableRandom random = new SplittableRandom(17);
        boolean[] keep2d = new boolean[6 * 7];
        float[] bias2d = new float[6 * 7];
        for (int i = 0; i < keep2d.length; i++) {
            keep2d[i] = random.nextBoolean();
            bias2d[i] = keep2d[i] ? 0f : Float.NEGATIVE_INFINITY;
        }
        boolean[] keepFull = new boolean[2 * 3 * keep2d.length];
        for (int i = 0; i < keepFull.length; i++) {
            keepFull[i] = keep2d[i % keep2d.length];
        }
        AttentionInputs base = Workloads.gaussianInputs(3, shape, Layout.NHD, AttentionOptions.DEFAULT.withLse());
        ExactResult byKeep = exactWith(base, AttentionMask.keepBroadcast(keep2d, 6, 7));
        ExactResult byBias = exactWith(base, AttentionMask.additiveBroadcast(bias2d, 6, 7));
        ExactResult byFull = exactWith(base, AttentionMask.keep(keepFull, 2, 3, 6, 7));
        assertArrayEquals(byKeep.output(), byBias.output());
        assertArrayEquals(byKeep.lse(), byBias.lse());
        assertArrayEquals(byKeep.output(), byFull.output());
        assertArrayEquals(byKeep.lse(), byFull.lse());
    }

    @Test
    void fullyMaskedRowsHaveOutputZeroAndLseMinusInfinity() {
        // Bottom-right with Nq > Nk: queries 0..Nq−Nk−1 see no key.
        AttentionShape shape = AttentionShape.mha(1, 2, 7, 4, 32);
        AttentionInputs in = Workloads.gaussianInputs(11, shape, Layout.HND,
                AttentionOptions.DEFAULT.withCausal(CausalAlignment.BOTTOM_RIGHT).withLse());
        ExactResult r = new ExactAttention().computeExact(in);
        for (int h = 0; h < 2; h++) {
            for (int i = 0; i < 7; i++) {
                boolean empty = i < 3;
                assertEquals(empty, r.lse()[h * 7 + i] == Double.NEGATIVE_INFINITY, "row " + i + " LSE");
                for (int c = 0; c < 32; c++) {
                    double o = r.output()[(h * 7 + i) * 32 + c];
                    assertTrue(empty ? o == 0 : o != 0, "row " + i + " channel " + c + ": " + o);
                }
            }
        }
        AttentionResult asFloat = new ExactAttention().compute(in);
        assertEquals(Float.NEGATIVE_INFINITY, asFloat.lse()[0]);
        assertEquals(0f, asFloat.output()[0]);
    }

    @Test
    void causalAlignmentsAgreeWhenNqEqualsNk() {
        AttentionShape shape = AttentionShape.mha(1, 2, 8, 8, 32);
        AttentionInputs topLeft = Workloads.gaussianInputs(21, shape, Layout.HND,
                AttentionOptions.DEFAULT.withCausal(CausalAlignment.TOP_LEFT));
        AttentionInputs bottomRight = new AttentionInputs(shape, Layout.HND, topLeft.q(), topLeft.k(), topLeft.v(),
                AttentionOptions.DEFAULT.withCausal(CausalAlignment.BOTTOM_RIGHT));
        assertArrayEquals(new ExactAttention().computeExact(topLeft).output(),
                new ExactAttention().computeExact(bottomRight).output());
    }

    @Test
    void lseIsOnlyReturnedWhenRequested() {
        AttentionShape shape = AttentionShape.mha(1, 1, 3, 3, 32);
        assertEquals(null, new ExactAttention().compute(
                Workloads.gaussianInputs(1, shape, Layout.HND, AttentionOptions.DEFAULT)).lse());
    }

    private static ExactResult exactWith(AttentionInputs base, AttentionMask mask) {
        return new ExactAttention().computeExact(new AttentionInputs(base.shape(), base.layout(), base.q(), base.k(),
                base.v(), base.options().withMask(mask)));
    }
}
