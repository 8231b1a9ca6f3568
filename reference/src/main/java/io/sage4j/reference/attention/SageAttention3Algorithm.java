package io.sage4j.reference.attention;

import io.sage4j.reference.quant.Smoothing;
import java.util.Arrays;

/**
 * SageAttention3: microscaling FP4 attention (specs/algorithms.md §2.4; paper 2505.11594 Alg. 1), in IEEE
 * float32 with the block-scaled products defined by {@link BlockScaledOperand}. Steps, each a method:
 * <ol>
 *   <li>{@link #kSmoothingMeans}; {@link #qBlockMeans} per block of {@code qBlock} query tokens;
 *       {@link #deltaS} {@code = qMean_block · k'_j} against the smoothed K of the key/value head each query
 *       head reads (GQA supported; upstream requires Hq = Hkv).</li>
 *   <li>{@link #quantizeQ}, {@link #quantizeK}: the smoothed Q and K along D; {@link #quantizeV}: V transposed,
 *       along tokens, zero-padded to whole KV tiles. Quantizer per {@link Fp4Variant}.</li>
 *   <li>{@link #attend}, per KV tile (in the configured order) and query row:
 *     <pre>
 *   S_j  = ΔS[block(i)][j] ⊕ Σ_blocks RN_f32(exact block product)     accumulator starts at ΔS
 *   t_j  = fma(S_j, c, b_j)          c = smScale·log2e, b_j = bias_j·log2e (0 unmasked), −∞ masked
 *   m'   = max(m, max_j t_j);  α = ex2(m − m');  P̃_j = ex2(t_j − m') ∈ [0, 1]
 *   d   ← d·α + Σ_j P̃_j             unquantized P̃, keys ascending
 *   (rowScale, P̂) = two-level quantization of the tile's P̃ rows (level 1: row max → 2688, level 2: FP4 blocks)
 *   O   ← O·α + rowScale · (P̂ ⊗ V̂ᵀ over the tile's keys)
 *     </pre>
 *     This is the paper's form: level 1 uses each tile's own row max (upstream's kernel folds it into the
 *     exponent with the running max, §2.4.3, and divides by the unrounded σ; that is not modelled). A fully
 *     masked 16-group has P̃ = 0, hence scale 0 and P̂ = 0 (§2.4.3(c)). The causal mask is applied to every
 *     tile; no tile's PV product is dropped (upstream issue #340, §2.4.3(a)).</li>
 *   <li>{@link #normalize}: {@code O / d}, 0 for fully masked rows.</li>
 *   <li>{@link #logSumExp}: {@code (m + lg2 d) / log2e + smScale·(q·kMean)}; −∞ for fully masked rows. ΔS
 *       restores Q smoothing inside the scores, so only K smoothing needs the correction.</li>
 * </ol>
 */
public final class SageAttention3Algorithm implements AttentionAlgorithm {
    private final Sage3Config config;

    /** The default configuration. */
    public SageAttention3Algorithm() {
        this(Sage3Config.defaults());
    }

    public SageAttention3Algorithm(Sage3Config config) {
        this.config = Args.requireNonNull("config", config);
    }

    public Sage3Config config() {
        return config;
    }

    @Override
    public AttentionResult compute(AttentionInputs inputs) {
        return run(inputs).result();
    }

    /** Runs every step and keeps every intermediate. */
    public Sage3Intermediates run(AttentionInputs inputs) {
        Args.requireNonNull("inputs", inputs);
        AttentionShape shape = inputs.shape();
        Fp4Variant variant = config.variant();
        if (shape.headDim() % variant.blockSize() != 0) {
            throw new IllegalArgumentException("headDim must be a multiple of " + variant.blockSize() + " for "
                    + variant + " (Q and K are quantized in blocks of " + variant.blockSize()
                    + " channels), got " + shape.headDim());
        }
        int qHeads = shape.batch() * shape.heads();
        int kvHeads = shape.batch() * shape.kvHeads();
        float[] q = inputs.qHeadMajor();
        float[] k = inputs.kHeadMajor();
        float[] kMeans = config.smoothK() ? kSmoothingMeans(k, shape) : null;
        float[] kSmoothed = kMeans == null ? k
                : Smoothing.subtractChannelMeans(k, kvHeads, shape.tokensK(), shape.headDim(), kMeans);
        float[] qMeans = config.smoothQ() ? qBlockMeans(q, shape) : null;
        float[] qSmoothed = qMeans == null ? q
                : Smoothing.subtractBlockMeans(q, qHeads, shape.tokensQ(), shape.headDim(), config.qBlock(), qMeans);
        float[] deltaS = qMeans == null ? null : deltaS(qMeans, kSmoothed, shape);
        Fp4Matrix q4 = quantizeQ(qSmoothed, shape);
        Fp4Matrix k4 = quantizeK(kSmoothed, shape);
        Fp4Matrix v4 = quantizeV(inputs.vHeadMajor(), shape);
        Attended attended = attend(q4, k4, v4, deltaS, shape, inputs.options());
        float[] output = inputs.outputInLayout(normalize(attended, shape));
        float[] lse = inputs.options().returnLse() ? logSumExp(attended, q, kMeans, shape, inputs.options()) : null;
        return new Sage3Intermediates(config, kMeans, qMeans, deltaS, q4, k4, v4, paddedKeys(shape),
                attended.pRowScales, attended.pBlockScales, attended.rowMax, attended.rowSum,
                new AttentionResult(output, lse));
    }

    /** K's per-channel mean per key/value head, {@code [B·Hkv][D]}. */
    public float[] kSmoothingMeans(float[] kHeadMajor, AttentionShape shape) {
        return Smoothing.channelMeans(kHeadMajor, shape.batch() * shape.kvHeads(), shape.tokensK(), shape.headDim());
    }

    /** Q's per-channel mean per block of {@code qBlock} tokens, {@code [B·Hq][⌈Nq/qBlock⌉][D]}. */
    public float[] qBlockMeans(float[] qHeadMajor, AttentionShape shape) {
        return Smoothing.blockMeans(qHeadMajor, shape.batch() * shape.heads(), shape.tokensQ(), shape.headDim(),
                config.qBlock());
    }

    /** ΔS {@code [B·Hq][⌈Nq/qBlock⌉][Nk]} against the smoothed K of each query head's key/value head. */
    public float[] deltaS(float[] qBlockMeans, float[] kSmoothedHeadMajor, AttentionShape shape) {
        int dim = shape.headDim();
        int nk = shape.tokensK();
        int qHeads = shape.batch() * shape.heads();
        float[] kPerQueryHead = new float[qHeads * nk * dim];
        for (int b = 0; b < shape.batch(); b++) {
            for (int h = 0; h < shape.heads(); h++) {
                int kvHead = b * shape.kvHeads() + shape.kvHeadOf(h);
                System.arraycopy(kSmoothedHeadMajor, kvHead * nk * dim, kPerQueryHead,
                        (b * shape.heads() + h) * nk * dim, nk * dim);
            }
        }
        return Smoothing.deltaS(qBlockMeans, qHeads, qBlocks(shape), kPerQueryHead, nk, dim);
    }

    /** FP4 Q: rows {@code B·Hq·Nq}, blocks along D. */
    public Fp4Matrix quantizeQ(float[] qSmoothed, AttentionShape shape) {
        return config.variant().quantize(qSmoothed, shape.batch() * shape.heads() * shape.tokensQ(),
                shape.headDim());
    }

    /** FP4 K: rows {@code B·Hkv·Nk}, blocks along D. */
    public Fp4Matrix quantizeK(float[] kSmoothed, AttentionShape shape) {
        return config.variant().quantize(kSmoothed, shape.batch() * shape.kvHeads() * shape.tokensK(),
                shape.headDim());
    }

    /** FP4 Vᵀ: V {@code [B·Hkv][Nk][D]} transposed to {@code [B·Hkv·D][paddedKeys]} (zeros past Nk). */
    public Fp4Matrix quantizeV(float[] vHeadMajor, AttentionShape shape) {
        int dim = shape.headDim();
        int nk = shape.tokensK();
        int padded = paddedKeys(shape);
        int kvHeads = shape.batch() * shape.kvHeads();
        float[] transposed = new float[kvHeads * dim * padded];
        for (int head = 0; head < kvHeads; head++) {
            for (int t = 0; t < nk; t++) {
                for (int c = 0; c < dim; c++) {
                    transposed[(head * dim + c) * padded + t] = vHeadMajor[(head * nk + t) * dim + c];
                }
            }
        }
        return config.variant().quantize(transposed, kvHeads * dim, padded);
    }

    /** Online-softmax state after the last tile, and P's scales of every tile. */
    static final class Attended {
        final float[] acc;
        final float[] rowMax;
        final float[] rowSum;
        final float[] pRowScales;
        final byte[] pBlockScales;

        Attended(int rows, int dim, int tiles, int groups) {
            acc = new float[rows * dim];
            rowMax = new float[rows];
            rowSum = new float[rows];
            Arrays.fill(rowMax, Float.NEGATIVE_INFINITY);
            pRowScales = new float[rows * tiles];
            pBlockScales = new byte[rows * tiles * groups];
        }
    }

    /** Scores, online softmax with two-level P per KV tile, and PV. */
    Attended attend(Fp4Matrix q4, Fp4Matrix k4, Fp4Matrix v4, float[] deltaS, AttentionShape shape,
                    AttentionOptions options) {
        int nq = shape.tokensQ();
        int nk = shape.tokensK();
        int dim = shape.headDim();
        int tile = config.kvTile();
        int tiles = paddedKeys(shape) / tile;
        int groups = tile / config.variant().blockSize();
        int qBlocks = qBlocks(shape);
        int qHeads = shape.batch() * shape.heads();
        Attended state = new Attended(qHeads * nq, dim, tiles, groups);
        BlockScaledOperand q = new BlockScaledOperand(q4);
        BlockScaledOperand k = new BlockScaledOperand(k4);
        BlockScaledOperand vt = new BlockScaledOperand(v4);
        ScoreMask mask = new ScoreMask(shape, options);
        float c = options.resolvedScale(dim) * FloatMath.LOG2E;
        float[] t = new float[tile];
        float[] p = new float[nq * tile];
        float[] alpha = new float[nq];
        for (int b = 0; b < shape.batch(); b++) {
            for (int h = 0; h < shape.heads(); h++) {
                int qHead = b * shape.heads() + h;
                int kvHead = b * shape.kvHeads() + shape.kvHeadOf(h);
                for (int step = 0; step < tiles; step++) {
                    int n = config.kvOrder().tileAt(step, tiles);
                    int j0 = n * tile;
                    for (int i = 0; i < nq; i++) {
                        int row = qHead * nq + i;
                        int deltaRow = deltaS == null ? -1 : (qHead * qBlocks + i / config.qBlock()) * nk;
                        float tileMax = Float.NEGATIVE_INFINITY;
                        for (int jj = 0; jj < tile; jj++) {
                            int key = j0 + jj;
                            float bias = key < nk ? mask.biasAt(b, h, i, key) : Float.NEGATIVE_INFINITY;
                            if (bias == Float.NEGATIVE_INFINITY) {
                                t[jj] = Float.NEGATIVE_INFINITY;
                                continue;
                            }
                            float init = deltaRow < 0 ? 0f : deltaS[deltaRow + key];
                            float s = BlockScaledOperand.dot(q, row, 0, k, kvHead * nk + key, 0, dim, init);
                            t[jj] = Math.fma(s, c, bias * FloatMath.LOG2E);
                            tileMax = Math.max(tileMax, t[jj]);
                        }
                        softmaxStep(state, row, tileMax, t, p, i * tile, alpha, i);
                    }
                    QuantizedProbabilities quantized = config.variant().quantizeProbabilities(p, nq, tile);
                    keepScales(state, quantized, qHead, n, tiles, nq, groups);
                    accumulatePv(state, quantized, vt, qHead, kvHead, j0, alpha, shape);
                }
            }
        }
        return state;
    }

    /** Updates m and d of one row for one tile and writes its P̃ (zeros where masked) and α. */
    private static void softmaxStep(Attended state, int row, float tileMax, float[] t, float[] p, int pFrom,
                                    float[] alpha, int i) {
        int tile = t.length;
        float mOld = state.rowMax[row];
        float mNew = Math.max(mOld, tileMax);
        if (mNew == Float.NEGATIVE_INFINITY) {  // nothing visible yet: the tile changes nothing
            alpha[i] = 1f;
            Arrays.fill(p, pFrom, pFrom + tile, 0f);
            return;
        }
        alpha[i] = FloatMath.ex2(mOld - mNew);  // 0 on the first visible tile
        float d = state.rowSum[row] * alpha[i];
        for (int jj = 0; jj < tile; jj++) {
            float value = FloatMath.ex2(t[jj] - mNew);  // ex2(−∞) = 0 for masked keys
            p[pFrom + jj] = value;
            d += value;
        }
        state.rowSum[row] = d;
        state.rowMax[row] = mNew;
    }

    private static void keepScales(Attended state, QuantizedProbabilities quantized, int qHead, int n, int tiles,
                                   int nq, int groups) {
        for (int i = 0; i < nq; i++) {
            int at = (qHead * tiles + n) * nq + i;
            state.pRowScales[at] = quantized.rowScales()[i];
            for (int g = 0; g < groups; g++) {
                state.pBlockScales[at * groups + g] = (byte) quantized.blocks().scaleCode(i, g);
            }
        }
    }

    /** O ← O·α + rowScale · (P̂ ⊗ V̂ᵀ) over the tile's keys, for every row of one query head. */
    private static void accumulatePv(Attended state, QuantizedProbabilities quantized, BlockScaledOperand vt,
                                     int qHead, int kvHead, int j0, float[] alpha, AttentionShape shape) {
        int nq = shape.tokensQ();
        int dim = shape.headDim();
        int tile = quantized.blocks().cols();
        BlockScaledOperand pHat = new BlockScaledOperand(quantized.blocks());
        for (int i = 0; i < nq; i++) {
            int at = (qHead * nq + i) * dim;
            float rowScale = quantized.rowScales()[i];
            for (int ch = 0; ch < dim; ch++) {
                float product = rowScale == 0f ? 0f
                        : BlockScaledOperand.dot(pHat, i, 0, vt, kvHead * dim + ch, j0, tile, 0f);
                state.acc[at + ch] = state.acc[at + ch] * alpha[i] + product * rowScale;
            }
        }
    }

    /** {@code O / d}, head-major; 0 for fully masked rows. */
    float[] normalize(Attended state, AttentionShape shape) {
        int dim = shape.headDim();
        float[] out = new float[state.acc.length];
        for (int row = 0; row < state.rowSum.length; row++) {
            float d = state.rowSum[row];
            if (d == 0f) {
                continue;
            }
            for (int ch = 0; ch < dim; ch++) {
                out[row * dim + ch] = state.acc[row * dim + ch] / d;
            }
        }
        return out;
    }

    /** Natural-log LSE {@code [B·Hq·Nq]} with the K-smoothing correction. */
    float[] logSumExp(Attended state, float[] qHeadMajor, float[] kMeans, AttentionShape shape,
                      AttentionOptions options) {
        float scale = options.resolvedScale(shape.headDim());
        int dim = shape.headDim();
        int nq = shape.tokensQ();
        float[] lse = new float[state.rowSum.length];
        for (int b = 0; b < shape.batch(); b++) {
            for (int h = 0; h < shape.heads(); h++) {
                int qHead = b * shape.heads() + h;
                int kvHead = b * shape.kvHeads() + shape.kvHeadOf(h);
                for (int i = 0; i < nq; i++) {
                    int row = qHead * nq + i;
                    if (state.rowSum[row] == 0f) {
                        lse[row] = Float.NEGATIVE_INFINITY;
                        continue;
                    }
                    lse[row] = (state.rowMax[row] + FloatMath.lg2(state.rowSum[row])) / FloatMath.LOG2E;
                    if (kMeans != null) {
                        lse[row] += scale * SmoothingCorrection.dot(qHeadMajor, row * dim, kMeans, kvHead * dim, dim);
                    }
                }
            }
        }
        return lse;
    }

    private int paddedKeys(AttentionShape shape) {
        return (shape.tokensK() + config.kvTile() - 1) / config.kvTile() * config.kvTile();
    }

    private int qBlocks(AttentionShape shape) {
        return (shape.tokensQ() + config.qBlock() - 1) / config.qBlock();
    }
}
