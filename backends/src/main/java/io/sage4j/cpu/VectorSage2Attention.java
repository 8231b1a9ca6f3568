package io.sage4j.cpu;

import io.sage4j.reference.attention.AttentionResult;
import io.sage4j.reference.attention.AttentionShape;
import io.sage4j.reference.attention.Sage2Config;
import io.sage4j.reference.attention.Sage2Intermediates;
import io.sage4j.reference.attention.SageAttention2Algorithm;
import io.sage4j.reference.quant.Fp8VTensor;
import io.sage4j.reference.quant.Int8Tensor;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link SageAttention2Algorithm} with the Vector API on every core. Same steps, same operations where a result is
 * quantized or compared:
 * <ul>
 *   <li>K means, INT8 Q and K codes and scales, FP8 V codes and scales: bit for bit ({@link ChannelMeans},
 *       {@link Int8Quantization}, {@link Fp8ValueQuantization}).</li>
 *   <li>Scores: the INT8 dot product as a float FMA chain over codes — exact, since every partial sum is an integer
 *       below 127²·256 &lt; 2^24; then {@code x = dot·(qScale·kScale)}, {@code fma(x, c, lb − 8.807)} and
 *       {@code P = ex2(fma(x, c, lb − m'))}, with the reference's KV tiles of 128 in ascending order: the row max m,
 *       every α (the reference's ex2, {@link Exp2#exact}) and every FP8 P̂ are the reference's. P itself comes from
 *       {@link Exp2#fast} except near E4M3 rounding midpoints (see {@code quantizedProbabilities}).</li>
 *   <li>Sums differ: the tile's P̂·V̂ is one float FMA chain per output element (the reference sums each k32
 *       chunk exactly), and d sums a tile's P in vector lanes (the reference in key order). The resulting output
 *       and LSE differences are bounded in {@link CpuVectorAgreement}.</li>
 * </ul>
 * The configuration must have CTA_K = 128, two-level PV accumulation and no V smoothing (the configurations of
 * {@code ReferenceAlgorithms}).
 */
final class VectorSage2Attention {
    private VectorSage2Attention() {}

    /** The quantized operands of a call, as the tile loop reads them. */
    private record Operands(float[] qCodes, float[] qTokenScales, float[] qGroupScales, float[] kMeans,
                            float[] kCodesT, float[] kTokenScales, float[] kGroupScales, float[] kCodes,
                            float[] vValues, float[] vScales, int nkPad) {}

    /**
     * What a run produced: the outcome, and with {@code keep} the quantized operands as the reference's
     * intermediates hold them (else null).
     */
    record Run(AttentionOutcome outcome, float[] kMeans, Int8Tensor q, Int8Tensor k, Fp8VTensor v) {
        /** The reference's intermediates record with this run's values and the given final result. */
        Sage2Intermediates intermediates(Sage2Config config, AttentionResult result) {
            return new Sage2Intermediates(config, kMeans, q, k, v, outcome.rowMax(), outcome.rowSum(), result);
        }
    }

    /** Runs the algorithm; with {@code keep} the run also carries the quantized operands. */
    static Run run(HeadMajorCall call, Sage2Config config, boolean keep, float[] out) {
        requireSupported(config);
        Operands ops = quantize(call, config, keep);
        AttentionShape shape = call.shape();
        int dim = shape.headDim();
        int nq = shape.tokensQ();
        int qHeads = shape.batch() * shape.heads();
        int blocks = (nq + TileScratch.BLOCK_ROWS - 1) / TileScratch.BLOCK_ROWS;
        float[] output = out != null ? out : new float[qHeads * nq * dim];
        float[] rowMax = new float[qHeads * nq];
        float[] rowSum = new float[qHeads * nq];
        WorkerPool.run(qHeads * blocks, () -> new TileScratch(dim), (task, scratch) ->
                block(call, ops, task / blocks, (task % blocks) * TileScratch.BLOCK_ROWS, scratch, output, rowMax,
                        rowSum));
        float[] lse = call.returnLse() ? logSumExp(call, ops, rowMax, rowSum) : null;
        AttentionOutcome outcome = new AttentionOutcome(output, lse, rowMax, rowSum);
        Run run = keep ? withOperands(outcome, call, config, ops) : new Run(outcome, null, null, null, null);
        ArrayPool.give(ops.qCodes, ops.kCodesT, ops.vValues);
        return run;
    }

    private static void requireSupported(Sage2Config config) {
        if (config.ctaK() != TileScratch.TILE_KEYS || config.smoothV()
                || config.pvAccumulation() != io.sage4j.reference.attention.PvAccumulation.TWO_LEVEL) {
            throw new IllegalArgumentException("cpu-vector runs SageAttention2 with ctaK=" + TileScratch.TILE_KEYS
                    + ", smoothV=false and TWO_LEVEL accumulation, got " + config);
        }
    }

    private static Operands quantize(HeadMajorCall call, Sage2Config config, boolean keep) {
        AttentionShape shape = call.shape();
        int dim = shape.headDim();
        int nq = shape.tokensQ();
        int nk = shape.tokensK();
        int nkPad = TileScratch.paddedKeys(nk);
        int qHeads = shape.batch() * shape.heads();
        int kvHeads = shape.batch() * shape.kvHeads();
        int qGroups = config.qGrouping().groupCount(nq);
        int kGroups = config.kGrouping().groupCount(nk);
        Operands ops = new Operands(ArrayPool.take(qHeads * call.qRows() * dim), new float[qHeads * nq],
                new float[qHeads * qGroups], config.smoothK() ? new float[kvHeads * dim] : null,
                ArrayPool.take(kvHeads * dim * nkPad), new float[kvHeads * nkPad], new float[kvHeads * kGroups],
                keep ? new float[kvHeads * nk * dim] : null, ArrayPool.take(kvHeads * nkPad * dim),
                new float[kvHeads * dim], nkPad);
        int scratchSize = Math.max(Math.max(qGroups, kGroups), dim) + nk * dim;
        WorkerPool.run(qHeads + kvHeads, () -> ArrayPool.take(scratchSize), (task, scratch) -> {
            if (task < qHeads) {
                Int8Quantization.quantizeHead(call.q(), task * call.qRows() * dim, nq, dim, config.qGrouping(), null, 0,
                        ops.qCodes, task * call.qRows() * dim, ops.qTokenScales, task * nq, ops.qGroupScales,
                        task * qGroups, scratch);
                return;
            }
            int head = task - qHeads;
            int kOff = head * nk * dim;
            if (ops.kMeans != null) {
                ChannelMeans.mean(call.k(), kOff, 0, nk, dim, ops.kMeans, head * dim);
            }
            float[] codes = ops.kCodes != null ? ops.kCodes : scratch;
            int codesOff = ops.kCodes != null ? kOff : scratch.length - nk * dim;
            Int8Quantization.quantizeHead(call.k(), kOff, nk, dim, config.kGrouping(), ops.kMeans, head * dim, codes,
                    codesOff, ops.kTokenScales, head * nkPad, ops.kGroupScales, head * kGroups, scratch);
            Transpose.toTiles(codes, codesOff, nk, dim, ops.kCodesT, head * dim * nkPad, TileScratch.TILE_KEYS);
            Fp8ValueQuantization.quantizeHead(call.v(), kOff, nk, dim, ops.vValues, head * nkPad * dim, ops.vScales,
                    head * dim, scratch);
        }, ArrayPool::give);
        return ops;
    }

    private static void block(HeadMajorCall call, Operands ops, int qHead, int i0, TileScratch s, float[] out,
                              float[] rowMaxOut, float[] rowSumOut) {
        AttentionShape shape = call.shape();
        int dim = shape.headDim();
        int nq = shape.tokensQ();
        int nkPad = ops.nkPad;
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
            TileKernels.multiply(ops.qCodes, qOff, dim, ops.kCodesT, kvHead * dim * nkPad + j0 * dim, tile, rowsPad, tile,
                    dim, s.scores, 0, tile);
            for (int r = 0; r < rows; r++) {
                LogBias.fill(call, b, h, i0 + r, j0, tile, s.probabilities, r * tile);  // replaced by P̂ below
                float tileMax = dequantizedScores(s.scores, r * tile, ops.kTokenScales, kvHead * nkPad + j0,
                        ops.qTokenScales[qHead * nq + i0 + r], s.probabilities, c, tile);
                s.newMax[r] = Math.max(s.rowMax[r], tileMax);
            }
            s.rescaleFactors(rows, true);
            for (int r = 0; r < rows; r++) {
                float mNew = s.newMax[r];
                if (mNew == Float.NEGATIVE_INFINITY) {  // nothing visible yet: the tile changes nothing
                    Arrays.fill(s.probabilities, r * tile, (r + 1) * tile, 0f);
                    continue;
                }
                float sum = quantizedProbabilities(s.scores, r * tile, s.probabilities, c, mNew, s.row, tile);
                s.rowSum[r] = s.rowSum[r] * s.alpha[r] + sum;
                s.rowMax[r] = mNew;
            }
            TileKernels.multiply(s.probabilities, 0, tile, ops.vValues, (kvHead * nkPad + j0) * dim, dim, rowsPad, dim,
                    tile, s.product, 0, dim);
            s.accumulate(rows, dim);
        }
        for (int r = 0; r < rows; r++) {
            int row = qHead * nq + i0 + r;
            float d = s.rowSum[r];
            rowMaxOut[row] = s.rowMax[r];
            rowSumOut[row] = d;
            if (d == 0f) {
                continue;
            }
            FloatVector denominator = FloatVector.broadcast(Lanes.F, d);
            for (int ch = 0; ch < dim; ch += Lanes.L) {
                FloatVector.fromArray(Lanes.F, s.acc, r * dim + ch).div(denominator)
                        .mul(FloatVector.fromArray(Lanes.F, ops.vScales, kvHead * dim + ch))
                        .intoArray(out, row * dim + ch);
            }
        }
    }

    /**
     * One row of a tile: the dot products in {@code scores[at..]} become {@code x = dot·(qScale·kScale)} (in place);
     * returns the tile max of {@code fma(x, c, lb − 8.807)}, lb the row's log-bias in {@code logBias[at..]}.
     */
    private static float dequantizedScores(float[] scores, int at, float[] kScales, int kAt, float qScale,
                                           float[] logBias, float c, int tile) {
        FloatVector max = FloatVector.broadcast(Lanes.F, Float.NEGATIVE_INFINITY);
        for (int j = 0; j < tile; j += Lanes.L) {
            FloatVector dq = FloatVector.fromArray(Lanes.F, kScales, kAt + j).mul(qScale);
            FloatVector x = FloatVector.fromArray(Lanes.F, scores, at + j).mul(dq);
            x.intoArray(scores, at + j);
            FloatVector lb = FloatVector.fromArray(Lanes.F, logBias, at + j);
            max = max.max(x.fma(FloatVector.broadcast(Lanes.F, c), lb.sub(SageAttention2Algorithm.P_OFFSET)));
        }
        return max.reduceLanes(VectorOperators.MAX);
    }

    /**
     * One row of a tile: {@code P = ex2(fma(x, c, lb − m'))}, its E4M3 value P̂ written over the log-bias in
     * {@code pAndBias[at..]}; returns Σ P (summed in lanes). P comes from {@link Exp2#fast} (relative error ≤ 8u, so
     * within 9.01u of the reference's ex2) unless some P of the row lies near an E4M3 rounding midpoint, where that
     * difference could change P̂ — then the whole row is recomputed with the reference's ex2 ({@link Exp2#exact}).
     * P̂ is therefore the reference's bit for bit; the sum d of unquantized P carries the 9.01u
     * ({@link CpuVectorAgreement}). Arguments below −126 give 0 here and a float subnormal in the reference: both
     * quantize to P̂ = 0.
     */
    private static float quantizedProbabilities(float[] scores, int at, float[] pAndBias, float c, float mNew,
                                                float[] row, int tile) {
        for (int j = 0; j < tile; j += Lanes.L) {
            FloatVector x = FloatVector.fromArray(Lanes.F, scores, at + j);
            FloatVector lb = FloatVector.fromArray(Lanes.F, pAndBias, at + j);
            x.fma(FloatVector.broadcast(Lanes.F, c), lb.sub(mNew)).intoArray(row, j);
        }
        Exp2.fast(row, 0, tile, pAndBias, at);
        if (GridRounding.nearE4m3Midpoint(pAndBias, at, tile)) {
            Exp2.exact(row, 0, tile, pAndBias, at);
        }
        FloatVector sum = FloatVector.zero(Lanes.F);
        for (int j = 0; j < tile; j += Lanes.L) {
            sum = sum.add(FloatVector.fromArray(Lanes.F, pAndBias, at + j));
        }
        GridRounding.e4m3(pAndBias, at, tile, pAndBias, at);
        return sum.reduceLanes(VectorOperators.ADD);
    }

    private static float[] logSumExp(HeadMajorCall call, Operands ops, float[] rowMax, float[] rowSum) {
        AttentionShape shape = call.shape();
        int dim = shape.headDim();
        int nq = shape.tokensQ();
        float scale = call.smScale();
        float[] lse = new float[rowSum.length];
        for (int qHead = 0; qHead < shape.batch() * shape.heads(); qHead++) {
            int kvHead = (qHead / shape.heads()) * shape.kvHeads() + shape.kvHeadOf(qHead % shape.heads());
            for (int i = 0; i < nq; i++) {
                int row = qHead * nq + i;
                if (rowSum[row] == 0f) {
                    lse[row] = Float.NEGATIVE_INFINITY;
                    continue;
                }
                lse[row] = (Log2.of(rowSum[row]) + rowMax[row]) / LogBias.LOG2E;
                if (ops.kMeans != null) {
                    lse[row] += scale * ChannelMeans.correction(call.q(), (qHead * call.qRows() + i) * dim, ops.kMeans,
                            kvHead * dim, dim);
                }
            }
        }
        return lse;
    }

    private static Run withOperands(AttentionOutcome outcome, HeadMajorCall call, Sage2Config config, Operands ops) {
        AttentionShape shape = call.shape();
        int dim = shape.headDim();
        int nq = shape.tokensQ();
        int nk = shape.tokensK();
        int qHeads = shape.batch() * shape.heads();
        int kvHeads = shape.batch() * shape.kvHeads();
        byte[] qBytes = new byte[qHeads * nq * dim];
        for (int head = 0; head < qHeads; head++) {
            for (int i = 0; i < nq * dim; i++) {
                qBytes[head * nq * dim + i] = (byte) ops.qCodes[head * call.qRows() * dim + i];
            }
        }
        byte[] kBytes = new byte[kvHeads * nk * dim];
        for (int i = 0; i < kBytes.length; i++) {
            kBytes[i] = (byte) ops.kCodes[i];
        }
        int nkPad = ops.nkPad;
        byte[] vCodes = new byte[kvHeads * dim * nkPad];
        for (int head = 0; head < kvHeads; head++) {
            for (int t = 0; t < nk; t++) {
                for (int ch = 0; ch < dim; ch++) {
                    vCodes[(head * dim + ch) * nkPad + t] =
                            (byte) GridRounding.e4m3Code(ops.vValues[(head * nkPad + t) * dim + ch]);
                }
            }
        }
        Int8Tensor q8 = new Int8Tensor(qHeads, nq, dim, config.qGrouping(), qBytes, ops.qGroupScales, null);
        Int8Tensor k8 = new Int8Tensor(kvHeads, nk, dim, config.kGrouping(), kBytes, ops.kGroupScales,
                ops.kMeans == null ? null : ops.kMeans.clone());
        Fp8VTensor v8 = new Fp8VTensor(kvHeads, nk, dim, nkPad, vCodes, ops.vScales, null);
        return new Run(outcome, ops.kMeans, q8, k8, v8);
    }
}
