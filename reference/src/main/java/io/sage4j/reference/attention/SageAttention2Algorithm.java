package io.sage4j.reference.attention;

import io.sage4j.reference.format.E4M3;
import io.sage4j.reference.quant.Fp8VQuantizer;
import io.sage4j.reference.quant.Fp8VTensor;
import io.sage4j.reference.quant.Int8Quantizer;
import io.sage4j.reference.quant.Int8Tensor;
import io.sage4j.reference.quant.Smoothing;

/**
 * SageAttention2: INT8 QKᵀ, FP8 (E4M3) PV (specs/algorithms.md §2.1–2.3), every step in IEEE float32
 * ({@code Math.fma} where the kernel uses {@code fmaf}; {@link FloatMath#ex2}/{@link FloatMath#lg2} for
 * the PTX approximations). Steps, each a method below:
 * <ol>
 *   <li>{@link #kSmoothingMeans}: per-channel mean of K per key/value head (§2.2.1).</li>
 *   <li>{@link #quantizeQ}, {@link #quantizeK}: {@code Int8Quantizer} with the configured token groupings,
 *       K with its mean subtracted (§2.2.2). No softmax scale is folded into Q (the kernel applies it).</li>
 *   <li>{@link #quantizeV}: {@code Fp8VQuantizer}, per channel, scale_max 448, padded to CTA_K (§2.3).</li>
 *   <li>{@link #attend}: per query row, over the visited KV tiles in the configured order (§2.3.1):
 *     <pre>
 *   x_j   = f32(Σ_c q8·k8) · (qScale·kScale)          exact int32 dot, one float product dq
 *   m'    = max(m, max_j fma(x_j, c, b_j − 8.807))    c = smScale·log2e, b_j = bias_j·log2e (0 unmasked)
 *   α     = ex2(m − m');  d ← d·α;  O rescaled by α
 *   P_j   = ex2(fma(x_j, c, b_j − m'))  ∈ [0, ≈448]   the offset is FP8's static scale δP = 1/448
 *   d    ← d + Σ_j P_j                                unquantized fp32 P, keys ascending
 *   P̂_j   = E4M3(P_j);  O ← O ⊕ P̂·V̂                   per k32 chunk, as {@link PvAccumulation} says
 *     </pre>
 *     Masked keys (causal, user mask) have P = 0 and never set m. The kernel's middle tiles fold dq into c
 *     ({@code s·(c·dq)}); this reference uses the last-tile form {@code (s·dq)·c} everywhere.</li>
 *   <li>{@link #normalize}: {@code O = acc / d · vScale (+ vMean)}; a fully masked row (d = 0) is 0.</li>
 *   <li>{@link #logSumExp}: {@code (lg2(d) + m) / log2e + smScale·(q·kMean)} (§2.2.6); −∞ when d = 0.</li>
 * </ol>
 * With a causal mask a query tile of CTA_Q rows visits the KV tiles up to the one holding the last key its
 * last row can see, as kernels do; a visited tile that is fully masked for a row still passes its zero
 * product through the accumulator (which matters only for {@link PvAccumulation#FP22_TRUNCATED}).
 * d is summed in key order, the kernel sums per-thread partials then across 4 lanes: outputs are compared
 * with kernels by tolerance, quantized Q/K/V byte for byte.
 */
public final class SageAttention2Algorithm implements AttentionAlgorithm {
    /** ≈ log2 448: P's row maximum becomes 2^8.807 ≈ 447.9, the top of E4M3 (upstream {@code 8.807f}). */
    public static final float P_OFFSET = 8.807f;

    private static final float[] E4M3_VALUES = new float[256];

    static {
        for (int code = 0; code < 256; code++) {
            E4M3_VALUES[code] = E4M3.decode(code);
        }
    }

    private final Sage2Config config;

    /** The sm90 configuration. */
    public SageAttention2Algorithm() {
        this(Sage2Config.sm90());
    }

    public SageAttention2Algorithm(Sage2Config config) {
        this.config = Args.requireNonNull("config", config);
    }

    public Sage2Config config() {
        return config;
    }

    @Override
    public AttentionResult compute(AttentionInputs inputs) {
        return run(inputs).result();
    }

    /** Runs every step and keeps every intermediate. */
    public Sage2Intermediates run(AttentionInputs inputs) {
        Args.requireNonNull("inputs", inputs);
        AttentionShape shape = inputs.shape();
        float[] q = inputs.qHeadMajor();
        float[] k = inputs.kHeadMajor();
        float[] kMeans = config.smoothK() ? kSmoothingMeans(k, shape) : null;
        Int8Tensor q8 = quantizeQ(q, shape);
        Int8Tensor k8 = quantizeK(k, shape, kMeans);
        Fp8VTensor v8 = quantizeV(inputs.vHeadMajor(), shape);
        RowStates states = attend(q8, k8, v8, shape, inputs.options());
        float[] output = inputs.outputInLayout(normalize(states, v8, shape));
        float[] lse = inputs.options().returnLse() ? logSumExp(states, q, kMeans, shape, inputs.options()) : null;
        return new Sage2Intermediates(config, kMeans, q8, k8, v8, states.rowMax, states.rowSum,
                new AttentionResult(output, lse));
    }

    /** Step 1: K's per-channel mean per key/value head, {@code [B·Hkv][D]}. */
    public float[] kSmoothingMeans(float[] kHeadMajor, AttentionShape shape) {
        return Smoothing.channelMeans(kHeadMajor, shape.batch() * shape.kvHeads(), shape.tokensK(), shape.headDim());
    }

    /** Step 2a: INT8 Q with the configured Q grouping. */
    public Int8Tensor quantizeQ(float[] qHeadMajor, AttentionShape shape) {
        return Int8Quantizer.quantize(qHeadMajor, shape.batch() * shape.heads(), shape.tokensQ(), shape.headDim(),
                config.qGrouping(), null);
    }

    /** Step 2b: INT8 K with the configured K grouping, {@code kMeans} (or null) subtracted first. */
    public Int8Tensor quantizeK(float[] kHeadMajor, AttentionShape shape, float[] kMeans) {
        return Int8Quantizer.quantize(kHeadMajor, shape.batch() * shape.kvHeads(), shape.tokensK(),
                shape.headDim(), config.kGrouping(), kMeans);
    }

    /** Step 3: FP8 V per channel, padded to a multiple of CTA_K, smoothed if configured. */
    public Fp8VTensor quantizeV(float[] vHeadMajor, AttentionShape shape) {
        return Fp8VQuantizer.quantize(vHeadMajor, shape.batch() * shape.kvHeads(), shape.tokensK(),
                shape.headDim(), config.ctaK(), config.smoothV());
    }

    /** The online-softmax state of every row after the last tile: unnormalised O, m and d. */
    static final class RowStates {
        final float[] acc;
        final float[] rowMax;
        final float[] rowSum;

        RowStates(int rows, int dim) {
            acc = new float[rows * dim];
            rowMax = new float[rows];
            rowSum = new float[rows];
        }
    }

    /** Step 4: scores, online softmax over the visited KV tiles, P quantization and PV accumulation. */
    RowStates attend(Int8Tensor q8, Int8Tensor k8, Fp8VTensor v8, AttentionShape shape, AttentionOptions options) {
        int nq = shape.tokensQ();
        int dim = shape.headDim();
        RowStates states = new RowStates(shape.batch() * shape.heads() * nq, dim);
        ScoreMask mask = new ScoreMask(shape, options);
        float c = options.resolvedScale(dim) * FloatMath.LOG2E;
        RowKernel kernel = new RowKernel(shape, v8.paddedTokens());
        for (int b = 0; b < shape.batch(); b++) {
            for (int h = 0; h < shape.heads(); h++) {
                int qHead = b * shape.heads() + h;
                int kvHead = b * shape.kvHeads() + shape.kvHeadOf(h);
                float[] v = decodeV(v8, kvHead);
                for (int tileStart = 0; tileStart < nq; tileStart += config.ctaQ()) {
                    int tileEnd = Math.min(nq, tileStart + config.ctaQ());
                    int visitedTiles = visitedKvTiles(mask.lastCausalKey(tileEnd - 1));
                    for (int i = tileStart; i < tileEnd; i++) {
                        kernel.row(q8, qHead, i, k8, kvHead, v, mask, b, h, c, visitedTiles, states);
                    }
                }
            }
        }
        return states;
    }

    /** KV tiles a query tile visits: through the tile holding {@code lastKey}; none if it is negative. */
    private int visitedKvTiles(long lastKey) {
        return lastKey < 0 ? 0 : (int) (lastKey / config.ctaK()) + 1;
    }

    /** V's E4M3 values (unscaled) of one key/value head, {@code [D][Nk_pad]}. */
    private static float[] decodeV(Fp8VTensor v8, int kvHead) {
        int padded = v8.paddedTokens();
        float[] values = new float[v8.dim() * padded];
        int base = kvHead * v8.dim() * padded;
        for (int i = 0; i < values.length; i++) {
            values[i] = E4M3_VALUES[v8.codes()[base + i] & 0xFF];
        }
        return values;
    }

    /** One query row through its KV tiles; scratch arrays reused across rows. */
    private final class RowKernel {
        private final int dim;
        private final int tokensK;
        private final int paddedK;
        private final float[] x;
        private final float[] logBias;
        private final boolean[] visible;
        private final float[] p8;
        private final float[] buffer;

        RowKernel(AttentionShape shape, int paddedK) {
            this.dim = shape.headDim();
            this.tokensK = shape.tokensK();
            this.paddedK = paddedK;
            x = new float[config.ctaK()];
            logBias = new float[config.ctaK()];
            visible = new boolean[config.ctaK()];
            p8 = new float[config.ctaK()];
            buffer = new float[dim];
        }

        void row(Int8Tensor q8, int qHead, int i, Int8Tensor k8, int kvHead, float[] v, ScoreMask mask, int b,
                 int h, float c, int visitedTiles, RowStates states) {
            int row = qHead * q8.tokens() + i;
            int accAt = row * dim;
            float m = Float.NEGATIVE_INFINITY;
            float d = 0f;
            for (int step = 0; step < visitedTiles; step++) {
                int j0 = config.kvOrder().tileAt(step, visitedTiles) * config.ctaK();
                float tileMax = scores(q8, qHead, i, k8, kvHead, mask, b, h, j0, c);
                float mNew = Math.max(m, tileMax);
                if (mNew == Float.NEGATIVE_INFINITY) {
                    continue;  // no visible key yet: O and d are still 0
                }
                float alpha = FloatMath.ex2(m - mNew);  // ex2(−∞) = 0 on the first visible tile
                d *= alpha;
                for (int j = 0; j < config.ctaK(); j++) {
                    float p = visible[j] ? FloatMath.ex2(Math.fma(x[j], c, logBias[j] - mNew)) : 0f;
                    d += p;
                    p8[j] = E4M3_VALUES[E4M3.encodeSatfinite(p)];
                }
                accumulatePv(states.acc, accAt, alpha, v, j0);
                m = mNew;
            }
            states.rowMax[row] = m;
            states.rowSum[row] = d;
        }

        /** Fills x, logBias and visible for keys [j0, j0 + CTA_K); returns the tile's max of fma(x, c, b − offset). */
        private float scores(Int8Tensor q8, int qHead, int i, Int8Tensor k8, int kvHead, ScoreMask mask, int b, int h,
                             int j0, float c) {
            byte[] qc = q8.codes();
            byte[] kc = k8.codes();
            int qRow = (qHead * q8.tokens() + i) * dim;
            float qScale = q8.scale(qHead, i);
            float tileMax = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < config.ctaK(); j++) {
                int key = j0 + j;
                float bias = key < tokensK ? mask.biasAt(b, h, i, key) : Float.NEGATIVE_INFINITY;
                visible[j] = bias != Float.NEGATIVE_INFINITY;
                if (!visible[j]) {
                    continue;
                }
                int kRow = (kvHead * tokensK + key) * dim;
                int dot = 0;  // |dot| ≤ 127²·256 < 2^24: exact as float
                for (int ch = 0; ch < dim; ch++) {
                    dot += qc[qRow + ch] * kc[kRow + ch];
                }
                float dq = qScale * k8.scale(kvHead, key);
                x[j] = (float) dot * dq;
                logBias[j] = bias * FloatMath.LOG2E;
                tileMax = Math.max(tileMax, Math.fma(x[j], c, logBias[j] - P_OFFSET));
            }
            return tileMax;
        }

        /** O ⊕= P̂·V̂ for one KV tile starting at key j0, per k32 chunk, in the configured mode. */
        private void accumulatePv(float[] acc, int accAt, float alpha, float[] v, int j0) {
            PvAccumulation mode = config.pvAccumulation();
            boolean perTile = mode.perTileBuffer();
            for (int ch = 0; ch < dim; ch++) {
                float target = perTile ? 0f : acc[accAt + ch] * alpha;
                int vRow = ch * paddedK + j0;
                for (int chunk = 0; chunk < config.ctaK(); chunk += Sage2Config.MMA_K) {
                    double sum = 0;  // exact: see PvAccumulation
                    for (int j = chunk; j < chunk + Sage2Config.MMA_K; j++) {
                        sum += (double) p8[j] * v[vRow + j];
                    }
                    target = mode.addChunk(target, sum);
                }
                buffer[ch] = target;
            }
            for (int ch = 0; ch < dim; ch++) {
                acc[accAt + ch] = perTile ? acc[accAt + ch] * alpha + buffer[ch] : buffer[ch];
            }
        }
    }

    /** Step 5: {@code O = acc / d · vScale (+ vMean)} per row, head-major {@code [B·Hq][Nq][D]}. */
    float[] normalize(RowStates states, Fp8VTensor v8, AttentionShape shape) {
        int dim = shape.headDim();
        int nq = shape.tokensQ();
        float[] out = new float[states.acc.length];
        for (int b = 0; b < shape.batch(); b++) {
            for (int h = 0; h < shape.heads(); h++) {
                int qHead = b * shape.heads() + h;
                int kvHead = b * shape.kvHeads() + shape.kvHeadOf(h);
                for (int i = 0; i < nq; i++) {
                    int row = qHead * nq + i;
                    float d = states.rowSum[row];
                    if (d == 0f) {
                        continue;  // fully masked row: output 0
                    }
                    for (int ch = 0; ch < dim; ch++) {
                        float o = states.acc[row * dim + ch] / d * v8.scales()[kvHead * dim + ch];
                        out[row * dim + ch] = v8.means() == null ? o : o + v8.means()[kvHead * dim + ch];
                    }
                }
            }
        }
        return out;
    }

    /** Step 6: natural-log LSE {@code [B·Hq·Nq]} with the K-smoothing correction (§2.2.6). */
    float[] logSumExp(RowStates states, float[] qHeadMajor, float[] kMeans, AttentionShape shape,
                      AttentionOptions options) {
        float scale = options.resolvedScale(shape.headDim());
        int dim = shape.headDim();
        int nq = shape.tokensQ();
        float[] lse = new float[states.rowSum.length];
        for (int b = 0; b < shape.batch(); b++) {
            for (int h = 0; h < shape.heads(); h++) {
                int qHead = b * shape.heads() + h;
                int kvHead = b * shape.kvHeads() + shape.kvHeadOf(h);
                for (int i = 0; i < nq; i++) {
                    int row = qHead * nq + i;
                    if (states.rowSum[row] == 0f) {
                        lse[row] = Float.NEGATIVE_INFINITY;
                        continue;
                    }
                    float log2Sum = FloatMath.lg2(states.rowSum[row]) + states.rowMax[row];
                    lse[row] = log2Sum / FloatMath.LOG2E;
                    if (kMeans != null) {
                        lse[row] += scale * SmoothingCorrection.dot(qHeadMajor, row * dim, kMeans, kvHead * dim, dim);
                    }
                }
            }
        }
        return lse;
    }
}
