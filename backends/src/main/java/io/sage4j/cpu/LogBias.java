package io.sage4j.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The additive log2-domain term of each score of one query row over one key tile, as every reference algorithm
 * forms it: {@code bias·log2e} (0 without a user mask) for visible keys, −∞ for keys the causal rule, the user mask
 * or the end of the sequence hide. Adding −∞ to a score sends its probability to exactly 0 and keeps it out of
 * the row max.
 */
final class LogBias {
    private LogBias() {}

    /** log2(e) as the reference writes it ({@code FloatMath.LOG2E}). */
    static final float LOG2E = 1.44269504088896340736f;

    private static final IntVector IOTA = IntVector.zero(Lanes.I).addIndex(1);

    /** Fills {@code out[outOff..outOff + tile)} for query row i of head (b, h) and keys {@code [j0, j0 + tile)}. */
    static void fill(HeadMajorCall call, int b, int h, int i, int j0, int tile, float[] out, int outOff) {
        int last = call.lastVisibleKey(i);
        float[] mask = call.maskTerms();
        int maskRow = mask == null ? 0 : call.maskRow(b, h, i);
        int nk = call.shape().tokensK();
        for (int j = 0; j < tile; j += Lanes.L) {
            int key = j0 + j;
            VectorMask<Float> visible = IOTA.add(key).compare(VectorOperators.LE, last).cast(Lanes.F);
            FloatVector terms;
            if (mask == null) {
                terms = FloatVector.zero(Lanes.F);
            } else if (key + Lanes.L <= nk) {
                terms = FloatVector.fromArray(Lanes.F, mask, maskRow + key).mul(LOG2E);
            } else {
                terms = FloatVector.fromArray(Lanes.F, mask, maskRow + key, Lanes.F.indexInRange(key, nk)).mul(LOG2E);
            }
            terms.blend(Float.NEGATIVE_INFINITY, visible.not()).intoArray(out, outOff + j);
        }
    }

    /** One row of a tile: {@code t = fma(s, c, lb)} in place of the scores; returns the row's max t (−∞ if all masked). */
    static float apply(float[] scores, int at, float[] logBias, float c, int tile) {
        FloatVector max = FloatVector.broadcast(Lanes.F, Float.NEGATIVE_INFINITY);
        for (int j = 0; j < tile; j += Lanes.L) {
            FloatVector t = FloatVector.fromArray(Lanes.F, scores, at + j)
                    .fma(FloatVector.broadcast(Lanes.F, c), FloatVector.fromArray(Lanes.F, logBias, j));
            t.intoArray(scores, at + j);
            max = max.max(t);
        }
        return max.reduceLanes(VectorOperators.MAX);
    }
}
