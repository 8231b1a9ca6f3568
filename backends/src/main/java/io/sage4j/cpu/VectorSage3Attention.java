package io.sage4j.cpu;

import io.sage4j.reference.attention.AttentionResult;
import io.sage4j.reference.attention.AttentionShape;
import io.sage4j.reference.attention.Fp4Matrix;
import io.sage4j.reference.attention.Fp4Variant;
import io.sage4j.reference.attention.Sage3Config;
import io.sage4j.reference.attention.Sage3Intermediates;
import io.sage4j.reference.attention.SageAttention3Algorithm;
import io.sage4j.reference.format.E2M1;
import io.sage4j.reference.quant.Nvfp4Quantizer;
import io.sage4j.reference.quant.Nvfp4Tensor;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link SageAttention3Algorithm} (IEEE NVFP4) with the Vector API on every core. Same steps, same operations where
 * a result is quantized or compared:
 * <ul>
 *   <li>K means, Q block means, ΔS, FP4 Q, K and Vᵀ codes and scales: bit for bit ({@link ChannelMeans},
 *       {@link Nvfp4Quantization}).</li>
 *   <li>Scores: {@link TileKernels#blockScaledScores} reproduces the reference's {@code ΔS ⊕ Σ_blocks RN(exact block
 *       product)} exactly (each block value is exact in float and they are added in block order). ΔS is never −0
 *       (a float64 sum starting at +0 cannot become −0), so a zero block adds nothing, as in the reference. Then
 *       {@code t = fma(S, c, bias·log2e)}, the reference's ex2 ({@link Exp2#exact}) and its KV tile order
 *       (descending, tiles of 128): every row max, α, P̃ and every two-level P scale and FP4 code are the
 *       reference's.</li>
 *   <li>Sums differ: P̂·V̂ over a tile is one float FMA chain per output element (the reference rounds each 16-key
 *       block product and adds the blocks), and d sums a tile's P̃ in vector lanes. Bounded in
 *       {@link CpuVectorAgreement}.</li>
 * </ul>
 * KV tiles that no row of a 64-row block can see (causal) are skipped: in the reference they change nothing
 * (α = 1, P̃ = 0, P scales 0).
 */
final class VectorSage3Attention {
    private VectorSage3Attention() {}

    private static final int BLOCK = Nvfp4Quantization.BLOCK;

    /**
     * The quantized operands of a call, as the tile loop reads them: dequantized FP4 K (element times block scale,
     * transposed into {@code [D][128]} key tiles: {@code kScaledT}), Q ({@code qScaled}) and V ({@code [Nk_pad][D]}), and the block scales the
     * reference's intermediates hold.
     */
    private record Operands(float[] kMeans, float[] kSmoothedT, float[] kScaledT, float[] kScalesT, float[] v,
                            float[] vScalesT, float[] qMeans, float[] qScaled, float[] qScales, float[] deltaS, int nkPad,
                            int qBlocks) {}

    /** The outcome, and with {@code keep} everything the reference's intermediates hold (else nulls). */
    record Run(AttentionOutcome outcome, Sage3Intermediates partial) {
        /** The reference's intermediates record with this run's values and the given final result. */
        Sage3Intermediates intermediates(AttentionResult result) {
            Sage3Intermediates p = partial;
            return new Sage3Intermediates(p.config(), p.kMeans(), p.qBlockMeans(), p.deltaS(), p.q(), p.k(),
                    p.vTransposed(), p.paddedKeys(), p.pRowScales(), p.pBlockScales(), outcome.rowMax(),
                    outcome.rowSum(), result);
        }
    }

    static Run run(HeadMajorCall call, Sage3Config config, boolean keep, float[] out) {
        requireSupported(config);
        AttentionShape shape = call.shape();
        int dim = shape.headDim();
        int nq = shape.tokensQ();
        Operands ops = quantize(call, config);
        int qHeads = shape.batch() * shape.heads();
        int tiles = ops.nkPad / TileScratch.TILE_KEYS;
        int groups = TileScratch.TILE_KEYS / BLOCK;
        float[] pRowScales = keep ? new float[qHeads * tiles * nq] : null;
        byte[] pBlockScales = keep ? new byte[qHeads * tiles * nq * groups] : null;
        int blocks = (nq + TileScratch.BLOCK_ROWS - 1) / TileScratch.BLOCK_ROWS;
        float[] output = out != null ? out : new float[qHeads * nq * dim];
        float[] rowMax = new float[qHeads * nq];
        float[] rowSum = new float[qHeads * nq];
        WorkerPool.run(qHeads * blocks, () -> new TileScratch(dim), (task, scratch) ->
                block(call, config, ops, task / blocks, (task % blocks) * TileScratch.BLOCK_ROWS, scratch, output,
                        rowMax, rowSum, pRowScales, pBlockScales));
        float[] lse = call.returnLse() ? logSumExp(call, ops, rowMax, rowSum) : null;
        AttentionOutcome outcome = new AttentionOutcome(output, lse, rowMax, rowSum);
        Run run = new Run(outcome, keep ? partial(call, config, ops, pRowScales, pBlockScales) : null);
        ArrayPool.give(ops.kSmoothedT, ops.kScaledT, ops.kScalesT, ops.v, ops.vScalesT, ops.qScaled, ops.qScales, ops.deltaS);
        return run;
    }

    private static void requireSupported(Sage3Config config) {
        if (config.variant() != Fp4Variant.NVFP4 || config.kvTile() != TileScratch.TILE_KEYS
                || config.qBlock() % TileScratch.BLOCK_ROWS != 0) {
            throw new IllegalArgumentException("cpu-vector runs SageAttention3 with variant NVFP4, kvTile="
                    + TileScratch.TILE_KEYS + " and qBlock a multiple of " + TileScratch.BLOCK_ROWS + ", got " + config);
        }
    }

    private static Operands quantize(HeadMajorCall call, Sage3Config config) {
        AttentionShape shape = call.shape();
        int dim = shape.headDim();
        int nq = shape.tokensQ();
        int nk = shape.tokensK();
        int nkPad = TileScratch.paddedKeys(nk);
        int qHeads = shape.batch() * shape.heads();
        int kvHeads = shape.batch() * shape.kvHeads();
        int dBlocks = dim / BLOCK;
        int qBlocks = (nq + config.qBlock() - 1) / config.qBlock();
        Operands ops = new Operands(config.smoothK() ? new float[kvHeads * dim] : null,
                ArrayPool.take(kvHeads * dim * nkPad), ArrayPool.take(kvHeads * dim * nkPad),
                ArrayPool.take(kvHeads * dBlocks * nkPad), ArrayPool.take(kvHeads * nkPad * dim),
                ArrayPool.take(kvHeads * dim * (nkPad / BLOCK)),
                config.smoothQ() ? new float[qHeads * qBlocks * dim] : null, ArrayPool.take(qHeads * call.qRows() * dim),
                ArrayPool.take(qHeads * call.qRows() * dBlocks),
                config.smoothQ() ? ArrayPool.take(qHeads * qBlocks * nkPad) : null, nkPad, qBlocks);
        int rowsMax = Math.max(nk, call.qRows());
        WorkerPool.run(kvHeads, () -> ArrayPool.take(Math.max(rowsMax * dim, 2 * dim * nkPad)), (head, scratch) ->
                quantizeKv(call, ops, head, scratch), ArrayPool::give);
        WorkerPool.run(qHeads, () -> ArrayPool.take(call.qRows() * dim), (head, scratch) ->
                quantizeQ(call, config, ops, head, scratch), ArrayPool::give);
        return ops;
    }

    private static void quantizeKv(HeadMajorCall call, Operands ops, int head, float[] scratch) {
        AttentionShape shape = call.shape();
        int dim = shape.headDim();
        int nk = shape.tokensK();
        int nkPad = ops.nkPad;
        int kOff = head * nk * dim;
        float[] k = call.k();
        if (ops.kMeans != null) {
            ChannelMeans.mean(k, kOff, 0, nk, dim, ops.kMeans, head * dim);
            for (int t = 0; t < nk; t++) {
                for (int ch = 0; ch < dim; ch += Lanes.L) {
                    FloatVector.fromArray(Lanes.F, k, kOff + t * dim + ch)
                            .sub(FloatVector.fromArray(Lanes.F, ops.kMeans, head * dim + ch))
                            .intoArray(scratch, t * dim + ch);
                }
            }
        } else {
            System.arraycopy(k, kOff, scratch, 0, nk * dim);
        }
        Transpose.rows(scratch, 0, nk, dim, ops.kSmoothedT, head * dim * nkPad, nkPad);
        int dBlocks = dim / BLOCK;
        for (int t = 0; t < nk; t++) {  // in place: each row is read before it is overwritten
            Nvfp4Quantization.quantizeRow(scratch, t * dim, dim, scratch, t * dim,
                    ops.kScalesT, head * dBlocks * nkPad + t, nkPad);
        }
        Transpose.toTiles(scratch, 0, nk, dim, ops.kScaledT, head * dim * nkPad, TileScratch.TILE_KEYS);
        float[] vt = scratch;  // [dim][nkPad], zero past nk
        Arrays.fill(vt, 0, dim * nkPad, 0f);
        Transpose.rows(call.v(), kOff, nk, dim, vt, 0, nkPad);
        int rowBlocks = nkPad / BLOCK;
        for (int ch = 0; ch < dim; ch++) {
            Nvfp4Quantization.quantizeRow(vt, ch * nkPad, nkPad, vt,
                    dim * nkPad + ch * nkPad, ops.vScalesT, (head * dim + ch) * rowBlocks, 1);
        }
        for (int t = 0; t < nkPad; t++) {
            for (int ch = 0; ch < dim; ch++) {
                ops.v[(head * nkPad + t) * dim + ch] = vt[dim * nkPad + ch * nkPad + t];
            }
        }
    }

    private static void quantizeQ(HeadMajorCall call, Sage3Config config, Operands ops, int head, float[] scratch) {
        AttentionShape shape = call.shape();
        int dim = shape.headDim();
        int nq = shape.tokensQ();
        int qOff = head * call.qRows() * dim;
        float[] q = call.q();
        if (ops.qMeans != null) {
            for (int blk = 0; blk < ops.qBlocks; blk++) {
                int first = blk * config.qBlock();
                int count = Math.min(config.qBlock(), nq - first);
                int meanOff = (head * ops.qBlocks + blk) * dim;
                ChannelMeans.mean(q, qOff, first, count, dim, ops.qMeans, meanOff);
                for (int t = first; t < first + count; t++) {
                    for (int ch = 0; ch < dim; ch += Lanes.L) {
                        FloatVector.fromArray(Lanes.F, q, qOff + t * dim + ch)
                                .sub(FloatVector.fromArray(Lanes.F, ops.qMeans, meanOff + ch))
                                .intoArray(scratch, t * dim + ch);
                    }
                }
            }
        } else {
            System.arraycopy(q, qOff, scratch, 0, nq * dim);
        }
        int dBlocks = dim / BLOCK;
        for (int t = 0; t < nq; t++) {
            Nvfp4Quantization.quantizeRow(scratch, t * dim, dim, ops.qScaled,
                    qOff + t * dim, ops.qScales, (head * call.qRows() + t) * dBlocks, 1);
        }
        if (ops.deltaS != null) {
            int kvHead = (head / shape.heads()) * shape.kvHeads() + shape.kvHeadOf(head % shape.heads());
            for (int blk = 0; blk < ops.qBlocks; blk++) {
                ChannelMeans.deltaS(ops.qMeans, (head * ops.qBlocks + blk) * dim, ops.kSmoothedT,
                        kvHead * dim * ops.nkPad, ops.nkPad, ops.nkPad, dim, ops.deltaS,
                        (head * ops.qBlocks + blk) * ops.nkPad);
            }
        }
    }

    private static void block(HeadMajorCall call, Sage3Config config, Operands ops, int qHead, int i0, TileScratch s,
                              float[] out, float[] rowMaxOut, float[] rowSumOut, float[] pRowScales,
                              byte[] pBlockScales) {
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
        int tiles = nkPad / tile;
        int groups = tile / BLOCK;
        int dBlocks = dim / BLOCK;
        float c = call.smScale() * LogBias.LOG2E;
        int lastKey = call.lastVisibleKey(i0 + rows - 1);
        int visible = lastKey < 0 ? 0 : lastKey / tile + 1;  // tiles past these are no-ops for every row
        int deltaRow = ops.deltaS == null ? -1 : (qHead * ops.qBlocks + i0 / config.qBlock()) * nkPad;
        Arrays.fill(s.rowMax, Float.NEGATIVE_INFINITY);
        Arrays.fill(s.rowSum, 0f);
        Arrays.fill(s.acc, 0, rowsPad * dim, 0f);
        for (int step = 0; step < visible; step++) {
            int n = config.kvOrder().tileAt(step, visible);
            int j0 = n * tile;
            for (int r = 0; r < rowsPad; r++) {
                if (deltaRow < 0) {
                    Arrays.fill(s.scores, r * tile, (r + 1) * tile, 0f);
                } else {
                    System.arraycopy(ops.deltaS, deltaRow + j0, s.scores, r * tile, tile);
                }
            }
            TileKernels.blockScaledScores(ops.qScaled, (qHead * call.qRows() + i0) * dim, dim, ops.kScaledT,
                    kvHead * dim * nkPad + j0 * dim, tile, rowsPad, tile, dim, s.scores, 0, tile);
            for (int r = 0; r < rows; r++) {
                LogBias.fill(call, b, h, i0 + r, j0, tile, s.logBias, 0);
                s.newMax[r] = Math.max(s.rowMax[r], LogBias.apply(s.scores, r * tile, s.logBias, c, tile));
            }
            s.rescaleFactors(rows, true);
            for (int r = 0; r < rows; r++) {
                quantizedProbabilities(s, r, tile);
                if (pRowScales != null) {
                    int at = (qHead * tiles + n) * nq + i0 + r;
                    pRowScales[at] = s.rowScale[r];
                    for (int g = 0; g < groups; g++) {
                        pBlockScales[at * groups + g] = (byte) GridRounding.e4m3Code(s.blockScales[g]);
                    }
                }
            }
            TileKernels.multiply(s.probabilities, 0, tile, ops.v, (kvHead * nkPad + j0) * dim, dim, rowsPad, dim, tile,
                    s.product, 0, dim);
            for (int r = 0; r < rows; r++) {
                FloatVector alpha = FloatVector.broadcast(Lanes.F, s.alpha[r]);
                FloatVector rowScale = FloatVector.broadcast(Lanes.F, s.rowScale[r]);
                for (int ch = 0; ch < dim; ch += Lanes.L) {
                    int at = r * dim + ch;
                    FloatVector.fromArray(Lanes.F, s.acc, at).mul(alpha)
                            .add(FloatVector.fromArray(Lanes.F, s.product, at).mul(rowScale)).intoArray(s.acc, at);
                }
            }
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
                FloatVector.fromArray(Lanes.F, s.acc, r * dim + ch).div(denominator).intoArray(out, row * dim + ch);
            }
        }
    }

    /**
     * Row r of the tile: P̃ = ex2(t − m'), the running sum and max, and the two-level quantization of P̃
     * ({@code TwoLevelPQuantizer}): rowScale = rowMax/2688, (P̃/rowMax)·2688 in NVFP4 blocks of 16, written as
     * dequantized block values (the row scale is applied to the product).
     */
    private static void quantizedProbabilities(TileScratch s, int r, int tile) {
        float mNew = s.newMax[r];
        if (mNew == Float.NEGATIVE_INFINITY) {  // nothing visible yet: P̃ = 0, the tile changes nothing
            Arrays.fill(s.probabilities, r * tile, (r + 1) * tile, 0f);
            Arrays.fill(s.blockScales, 0f);
            s.rowScale[r] = 0f;
            return;
        }
        for (int j = 0; j < tile; j += Lanes.L) {
            FloatVector.fromArray(Lanes.F, s.scores, r * tile + j).sub(mNew).intoArray(s.row, j);
        }
        Exp2.exact(s.row, 0, tile, s.row, 0);
        FloatVector sum = FloatVector.zero(Lanes.F);
        FloatVector max = FloatVector.zero(Lanes.F);
        for (int j = 0; j < tile; j += Lanes.L) {
            FloatVector p = FloatVector.fromArray(Lanes.F, s.row, j);
            sum = sum.add(p);
            max = max.max(p);
        }
        s.rowSum[r] = s.rowSum[r] * s.alpha[r] + sum.reduceLanes(VectorOperators.ADD);
        s.rowMax[r] = mNew;
        float rowMax = max.reduceLanes(VectorOperators.MAX);
        s.rowScale[r] = rowMax / Nvfp4Quantizer.RANGE;
        // TwoLevelPQuantizer.stretchRow: (P̃ / rowMax)·2688 (a multiplier 2688/rowMax could overflow), P̃·0 if rowMax = 0
        for (int j = 0; j < tile; j += Lanes.L) {
            FloatVector p = FloatVector.fromArray(Lanes.F, s.row, j);
            (rowMax == 0f ? p.mul(0f) : p.div(rowMax).mul(Nvfp4Quantizer.RANGE)).intoArray(s.row, j);
        }
        Nvfp4Quantization.quantizeRow(s.row, 0, tile, s.probabilities,
                r * tile, s.blockScales, 0, 1);
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
                lse[row] = (rowMax[row] + Log2.of(rowSum[row])) / LogBias.LOG2E;
                if (ops.kMeans != null) {
                    lse[row] += scale * ChannelMeans.correction(call.q(), (qHead * call.qRows() + i) * dim, ops.kMeans,
                            kvHead * dim, dim);
                }
            }
        }
        return lse;
    }

    /** The reference's intermediates (rowMax, rowSum and result filled in by {@link Run#intermediates}). */
    private static Sage3Intermediates partial(HeadMajorCall call, Sage3Config config, Operands ops, float[] pRowScales,
                                              byte[] pBlockScales) {
        AttentionShape shape = call.shape();
        int dim = shape.headDim();
        int nq = shape.tokensQ();
        int nk = shape.tokensK();
        int nkPad = ops.nkPad;
        int qHeads = shape.batch() * shape.heads();
        int kvHeads = shape.batch() * shape.kvHeads();
        int dBlocks = dim / BLOCK;
        Fp4Codes q4 = new Fp4Codes(qHeads * nq, dim);
        for (int head = 0; head < qHeads; head++) {
            for (int t = 0; t < nq; t++) {
                int row = head * nq + t;
                int src = (head * call.qRows() + t) * dim;
                for (int blk = 0; blk < dBlocks; blk++) {
                    float scale = ops.qScales[(head * call.qRows() + t) * dBlocks + blk];
                    q4.scale(row, blk, scale);
                    for (int ch = blk * BLOCK; ch < (blk + 1) * BLOCK; ch++) {
                        q4.element(row, ch, element(ops.qScaled[src + ch], scale));
                    }
                }
            }
        }
        Fp4Codes k4 = new Fp4Codes(kvHeads * nk, dim);
        for (int head = 0; head < kvHeads; head++) {
            for (int t = 0; t < nk; t++) {
                int row = head * nk + t;
                for (int blk = 0; blk < dBlocks; blk++) {
                    float scale = ops.kScalesT[(head * dBlocks + blk) * nkPad + t];
                    k4.scale(row, blk, scale);
                    for (int ch = blk * BLOCK; ch < (blk + 1) * BLOCK; ch++) {
                        int tiled = head * dim * nkPad + ((t / TileScratch.TILE_KEYS) * dim + ch) * TileScratch.TILE_KEYS
                                + t % TileScratch.TILE_KEYS;
                        k4.element(row, ch, element(ops.kScaledT[tiled], scale));
                    }
                }
            }
        }
        int rowBlocks = nkPad / BLOCK;
        Fp4Codes v4 = new Fp4Codes(kvHeads * dim, nkPad);
        for (int head = 0; head < kvHeads; head++) {
            for (int ch = 0; ch < dim; ch++) {
                int row = head * dim + ch;
                for (int blk = 0; blk < rowBlocks; blk++) {
                    float scale = ops.vScalesT[row * rowBlocks + blk];
                    v4.scale(row, blk, scale);
                    for (int t = blk * BLOCK; t < (blk + 1) * BLOCK; t++) {
                        v4.element(row, t, element(ops.v[(head * nkPad + t) * dim + ch], scale));
                    }
                }
            }
        }
        float[] deltaS = null;
        if (ops.deltaS != null) {
            deltaS = new float[qHeads * ops.qBlocks * nk];
            for (int r = 0; r < qHeads * ops.qBlocks; r++) {
                System.arraycopy(ops.deltaS, r * nkPad, deltaS, r * nk, nk);
            }
        }
        return new Sage3Intermediates(config, ops.kMeans, ops.qMeans, deltaS, q4.matrix(), k4.matrix(), v4.matrix(),
                nkPad, pRowScales, pBlockScales, null, null, null);
    }

    /** The E2M1 element of a dequantized value e·s (exact division; a zero scale leaves ±0, the element's sign). */
    private static float element(float dequantized, float scale) {
        return scale == 0f ? dequantized : dequantized / scale;
    }

    /** Builds an NVFP4 matrix (packed E2M1 codes, UE4M3 scale bytes) from element and scale values. */
    private static final class Fp4Codes {
        private final int rows;
        private final int cols;
        private final byte[] codes;
        private final byte[] scales;

        Fp4Codes(int rows, int cols) {
            this.rows = rows;
            this.cols = cols;
            codes = new byte[rows * cols / 2];
            scales = new byte[rows * cols / BLOCK];
        }

        void element(int row, int col, float e2m1Value) {
            int index = row * cols + col;
            int code = GridRounding.e2m1Code(e2m1Value);
            int b = codes[index >>> 1];
            codes[index >>> 1] = (index & 1) == 0 ? E2M1.pack(code, b >>> 4) : E2M1.pack(b & 0xF, code);
        }

        void scale(int row, int block, float value) {
            scales[row * (cols / BLOCK) + block] = (byte) GridRounding.e4m3Code(value);
        }

        Fp4Matrix matrix() {
            return new Fp4Matrix.Nvfp4(new Nvfp4Tensor(rows, cols, codes, scales, 1.0f));
        }
    }
}
