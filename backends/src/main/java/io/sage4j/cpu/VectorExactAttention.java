package io.sage4j.cpu;

import io.sage4j.reference.attention.AttentionShape;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Exact (unquantized) attention in float32, FlashAttention-style: per block of 64 query rows, KV tiles of 128 keys
 * in ascending order, online softmax in the log2 domain:
 * <pre>
 *   s_j = fl(q·k_j)  (FMA chain over D)     t_j = fma(s_j, smScale·log2e, bias_j·log2e)   (−∞ where masked)
 *   m'  = max(m, max_j t_j)    α = exp2(m − m')    p_j = exp2(t_j − m')    d ← d·α + Σ_j p_j
 *   O  ← O·α + (P·V over the tile)                 o = O/d,  lse = (m + log2 d)·ln 2
 * </pre>
 * with {@link Exp2#fast}. Its distance from the float64 {@code ExactAttention} is bounded in
 * {@link CpuVectorAgreement}.
 */
final class VectorExactAttention {
    private VectorExactAttention() {}

    /** Runs the algorithm, writing the output into {@code out} (a new array when null). */
    static AttentionOutcome run(HeadMajorCall call, float[] out) {
        AttentionShape shape = call.shape();
        int dim = shape.headDim();
        int nk = shape.tokensK();
        int nkPad = TileScratch.paddedKeys(nk);
        int kvHeads = shape.batch() * shape.kvHeads();
        float[] kt = ArrayPool.take(kvHeads * dim * nkPad);
        float[] v = ArrayPool.take(kvHeads * nkPad * dim);
        WorkerPool.run(kvHeads, () -> null, (head, unused) -> {
            Transpose.toTiles(call.k(), head * nk * dim, nk, dim, kt, head * dim * nkPad, TileScratch.TILE_KEYS);
            System.arraycopy(call.v(), head * nk * dim, v, head * nkPad * dim, nk * dim);
        });
        int qHeads = shape.batch() * shape.heads();
        int blocks = (shape.tokensQ() + TileScratch.BLOCK_ROWS - 1) / TileScratch.BLOCK_ROWS;
        float[] output = out != null ? out : new float[qHeads * shape.tokensQ() * dim];
        float[] rowMax = new float[qHeads * shape.tokensQ()];
        float[] rowSum = new float[qHeads * shape.tokensQ()];
        WorkerPool.run(qHeads * blocks, () -> new TileScratch(dim), (task, scratch) ->
                block(call, kt, v, nkPad, task / blocks, (task % blocks) * TileScratch.BLOCK_ROWS, scratch, output,
                        rowMax, rowSum));
        ArrayPool.give(kt, v);
        float[] lse = call.returnLse() ? logSumExp(rowMax, rowSum) : null;
        return new AttentionOutcome(output, lse, rowMax, rowSum);
    }

    private static void block(HeadMajorCall call, float[] kt, float[] v, int nkPad, int qHead, int i0,
                              TileScratch s, float[] out, float[] rowMaxOut, float[] rowSumOut) {
        AttentionShape shape = call.shape();
        int dim = shape.headDim();
        int nq = shape.tokensQ();
        int b = qHead / shape.heads();
        int h = qHead % shape.heads();
        int kvHead = b * shape.kvHeads() + shape.kvHeadOf(h);
        int rows = Math.min(TileScratch.BLOCK_ROWS, nq - i0);
        int rowsPad = HeadMajorCall.paddedRows(rows);
        int tile = TileScratch.TILE_KEYS;
        float c = call.smScale() * LogBias.LOG2E;
        int lastKey = call.lastVisibleKey(i0 + rows - 1);
        int tiles = lastKey < 0 ? 0 : lastKey / tile + 1;
        Arrays.fill(s.rowMax, Float.NEGATIVE_INFINITY);
        Arrays.fill(s.rowSum, 0f);
        Arrays.fill(s.acc, 0, rowsPad * dim, 0f);
        int qOff = (qHead * call.qRows() + i0) * dim;
        for (int n = 0; n < tiles; n++) {
            int j0 = n * tile;
            TileKernels.multiply(call.q(), qOff, dim, kt, kvHead * dim * nkPad + j0 * dim, tile, rowsPad, tile, dim,
                    s.scores, 0, tile);
            for (int r = 0; r < rows; r++) {
                LogBias.fill(call, b, h, i0 + r, j0, tile, s.logBias, 0);
                s.newMax[r] = Math.max(s.rowMax[r], LogBias.apply(s.scores, r * tile, s.logBias, c, tile));
            }
            s.rescaleFactors(rows, false);
            for (int r = 0; r < rows; r++) {
                float mNew = s.newMax[r];
                if (mNew == Float.NEGATIVE_INFINITY) {  // nothing visible yet
                    Arrays.fill(s.probabilities, r * tile, (r + 1) * tile, 0f);
                    continue;
                }
                s.rowSum[r] = s.rowSum[r] * s.alpha[r] + probabilities(s.scores, r * tile, mNew, s.probabilities, tile);
                s.rowMax[r] = mNew;
            }
            TileKernels.multiply(s.probabilities, 0, tile, v, kvHead * nkPad * dim + j0 * dim, dim, rowsPad, dim, tile,
                    s.product, 0, dim);
            s.accumulate(rows, dim);
        }
        for (int r = 0; r < rows; r++) {
            int row = qHead * nq + i0 + r;
            float d = s.rowSum[r];
            rowMaxOut[row] = s.rowMax[r];
            rowSumOut[row] = d;
            if (d == 0f) {
                continue;  // no visible key: output 0
            }
            FloatVector denominator = FloatVector.broadcast(Lanes.F, d);
            for (int ch = 0; ch < dim; ch += Lanes.L) {
                FloatVector.fromArray(Lanes.F, s.acc, r * dim + ch).div(denominator).intoArray(out, row * dim + ch);
            }
        }
    }

    /** One row of a tile: {@code p = exp2(t − m')} into {@code p[at..]}; returns Σ p (summed in lanes). */
    private static float probabilities(float[] logits, int at, float mNew, float[] p, int tile) {
        for (int j = 0; j < tile; j += Lanes.L) {
            FloatVector.fromArray(Lanes.F, logits, at + j).sub(mNew).intoArray(p, at + j);
        }
        Exp2.fast(p, at, tile, p, at);
        FloatVector sum = FloatVector.zero(Lanes.F);
        for (int j = 0; j < tile; j += Lanes.L) {
            sum = sum.add(FloatVector.fromArray(Lanes.F, p, at + j));
        }
        return sum.reduceLanes(VectorOperators.ADD);
    }

    private static float[] logSumExp(float[] rowMax, float[] rowSum) {
        float[] lse = new float[rowSum.length];
        for (int row = 0; row < lse.length; row++) {
            lse[row] = rowSum[row] == 0f ? Float.NEGATIVE_INFINITY
                    : (float) (rowMax[row] * Math.log(2.0) + Math.log(rowSum[row]));
        }
        return lse;
    }
}
