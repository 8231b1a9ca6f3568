package io.sage4j.accuracy;

import io.sage4j.reference.attention.AttentionOptions;
import io.sage4j.reference.attention.AttentionShape;
import io.sage4j.reference.attention.CausalAlignment;
import io.sage4j.reference.attention.CuSeqlens;
import io.sage4j.reference.attention.Layout;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The named accuracy workloads (issue 3 item 6): seeded, reproducible inputs, each with one shape per
 * {@link SizeProfile}. {@link #generate} gives the same tensors for the same (profile, seed) on every JVM.
 *
 * <p>"LLM-like" data, used by the workloads that test a structural feature (long context, GQA, causal, varlen,
 * bf16), is what real attention layers feed the kernels: Q ~ N(0,1); K ~ N(0,1) plus a per-(head, channel) bias
 * ~ N(0, {@value #K_BIAS_STD}²); V ~ N(0,1) plus a per-(head, channel) mean ~ N(0, {@value #V_MEAN_STD}²).
 */
public enum Workload {
    GAUSSIAN("gaussian",
            "Q, K, V i.i.d. N(0,1): the papers' synthetic kernel-accuracy input (SA1 Table 9)",
            AttentionShape.mha(1, 2, 512, 512, 128), AttentionShape.mha(1, 2, 4096, 4096, 128)) {
        @Override
        WorkloadData build(AttentionShape s, TensorGenerator g, long seed) {
            return fixed(seed, s, Layout.HND, AttentionOptions.DEFAULT,
                    g.gaussian(s.queryElements(), 1), g.gaussian(s.keyElements(), 1), g.gaussian(s.keyElements(), 1));
        }
    },
    CHANNEL_BIAS_K("channel-bias-k",
            "K = N(0,1) + a per-(head, channel) bias ~ N(0, " + fmt(Workload.K_BIAS_STD) + "²) shared by all tokens, as real "
                    + "keys have; Q, V N(0,1). Softmax ignores the bias, INT8/FP4 scales do not: what K smoothing is for",
            AttentionShape.mha(1, 2, 512, 512, 128), AttentionShape.mha(1, 2, 4096, 4096, 128)) {
        @Override
        WorkloadData build(AttentionShape s, TensorGenerator g, long seed) {
            float[] q = g.gaussian(s.queryElements(), 1);
            float[] k = g.gaussian(s.keyElements(), 1);
            g.addChannelOffsets(k, s.batch() * s.kvHeads(), s.tokensK(), s.headDim(), K_BIAS_STD);
            float[] v = g.gaussian(s.keyElements(), 1);
            return fixed(seed, s, Layout.HND, AttentionOptions.DEFAULT, q, k, v);
        }
    },
    OUTLIER_QK("outlier-qk",
            "heavy tails and outlier channels: Q, K entries Student-t(" + Workload.T_DOF + ") at unit variance, and "
                    + Workload.OUTLIER_CHANNELS + " channels per head offset by ±" + fmt(Workload.OUTLIER_MAGNITUDE)
                    + " in both Q and K (same channels); V N(0,1)",
            AttentionShape.mha(1, 2, 512, 512, 128), AttentionShape.mha(1, 2, 2048, 2048, 128)) {
        @Override
        WorkloadData build(AttentionShape s, TensorGenerator g, long seed) {
            int heads = s.batch() * s.heads();
            float[] q = g.studentT(s.queryElements(), T_DOF);
            float[] k = g.studentT(s.keyElements(), T_DOF);
            int[] channels = g.distinctChannels(OUTLIER_CHANNELS, s.headDim());
            g.addOutlierChannels(q, heads, s.tokensQ(), s.headDim(), channels, OUTLIER_MAGNITUDE);
            g.addOutlierChannels(k, heads, s.tokensK(), s.headDim(), channels, OUTLIER_MAGNITUDE);
            float[] v = g.gaussian(s.keyElements(), 1);
            return fixed(seed, s, Layout.HND, AttentionOptions.DEFAULT, q, k, v);
        }
    },
    PEAKED_SOFTMAX("peaked-softmax",
            "large logits: Q, K ~ N(0, " + fmt(Workload.PEAKED_STD) + "²), so scores have std ≈ " + fmt(Workload.PEAKED_STD * Workload.PEAKED_STD)
                    + " and each row of P is nearly one-hot; V N(0,1)",
            AttentionShape.mha(1, 2, 512, 512, 128), AttentionShape.mha(1, 2, 2048, 2048, 128)) {
        @Override
        WorkloadData build(AttentionShape s, TensorGenerator g, long seed) {
            return fixed(seed, s, Layout.HND, AttentionOptions.DEFAULT, g.gaussian(s.queryElements(), PEAKED_STD),
                    g.gaussian(s.keyElements(), PEAKED_STD), g.gaussian(s.keyElements(), 1));
        }
    },
    LONG_CONTEXT("long-context",
            "few queries against a long context (Nk = 16384 at full size), head dim 64, LLM-like data",
            new AttentionShape(1, 1, 1, 128, 4096, 64), new AttentionShape(1, 1, 1, 1024, 16384, 64)) {
        @Override
        WorkloadData build(AttentionShape s, TensorGenerator g, long seed) {
            return llmLike(seed, s, Layout.HND, AttentionOptions.DEFAULT, g);
        }
    },
    GQA("gqa",
            "grouped-query attention, 4 query heads per key/value head, NHD layout, LLM-like data",
            new AttentionShape(1, 8, 2, 256, 256, 128), new AttentionShape(1, 8, 2, 1024, 1024, 128)) {
        @Override
        WorkloadData build(AttentionShape s, TensorGenerator g, long seed) {
            return llmLike(seed, s, Layout.NHD, AttentionOptions.DEFAULT, g);
        }
    },
    CAUSAL("causal",
            "causal mask (top-left), LLM-like data",
            AttentionShape.mha(1, 2, 512, 512, 128), AttentionShape.mha(1, 2, 2048, 2048, 128)) {
        @Override
        WorkloadData build(AttentionShape s, TensorGenerator g, long seed) {
            return llmLike(seed, s, Layout.HND, AttentionOptions.DEFAULT.withCausal(CausalAlignment.TOP_LEFT), g);
        }
    },
    VARLEN("varlen",
            "a packed batch of causal sequences of mixed lengths (cu_seqlens), each attended alone, LLM-like data",
            null, null) {
        @Override
        WorkloadData build(AttentionShape s, TensorGenerator g, long seed) {
            throw new AssertionError("varlen builds from its lengths");
        }
    },
    BF16("bf16",
            "LLM-like data with " + Workload.OUTLIER_CHANNELS + " outlier Q/K channels (±" + fmt(Workload.OUTLIER_MAGNITUDE)
                    + "), every value rounded to bfloat16 as a bf16 model feeds attention",
            AttentionShape.mha(1, 2, 512, 512, 128), AttentionShape.mha(1, 2, 2048, 2048, 128)) {
        @Override
        WorkloadData build(AttentionShape s, TensorGenerator g, long seed) {
            WorkloadData d = llmLike(seed, s, Layout.HND, AttentionOptions.DEFAULT, g);  // HND: head-major in place
            int[] channels = g.distinctChannels(OUTLIER_CHANNELS, s.headDim());
            g.addOutlierChannels(d.q(), s.batch() * s.heads(), s.tokensQ(), s.headDim(), channels, OUTLIER_MAGNITUDE);
            g.addOutlierChannels(d.k(), s.batch() * s.kvHeads(), s.tokensK(), s.headDim(), channels,
                    OUTLIER_MAGNITUDE);
            TensorGenerator.roundToBf16(d.q());
            TensorGenerator.roundToBf16(d.k());
            TensorGenerator.roundToBf16(d.v());
            return d;
        }
    },
    FP16("fp16",
            "Q, K, V N(0,1) rounded to float16, head dim 64",
            AttentionShape.mha(1, 2, 512, 512, 64), AttentionShape.mha(1, 2, 2048, 2048, 64)) {
        @Override
        WorkloadData build(AttentionShape s, TensorGenerator g, long seed) {
            return fixed(seed, s, Layout.HND, AttentionOptions.DEFAULT,
                    TensorGenerator.roundToFp16(g.gaussian(s.queryElements(), 1)),
                    TensorGenerator.roundToFp16(g.gaussian(s.keyElements(), 1)),
                    TensorGenerator.roundToFp16(g.gaussian(s.keyElements(), 1)));
        }
    },
    V_CHANNEL_MEANS("v-channel-means",
            "realistic V: Q, K N(0,1); V = N(0,1) + a per-(head, channel) mean ~ N(0, " + fmt(Workload.V_MEAN_STD)
                    + "²), as real values have (SA2 smooths it away with smooth V, SA3 quantizes it)",
            AttentionShape.mha(1, 2, 512, 512, 128), AttentionShape.mha(1, 2, 4096, 4096, 128)) {
        @Override
        WorkloadData build(AttentionShape s, TensorGenerator g, long seed) {
            float[] q = g.gaussian(s.queryElements(), 1);
            float[] k = g.gaussian(s.keyElements(), 1);
            float[] v = g.gaussian(s.keyElements(), 1);
            g.addChannelOffsets(v, s.batch() * s.kvHeads(), s.tokensK(), s.headDim(), V_MEAN_STD);
            return fixed(seed, s, Layout.HND, AttentionOptions.DEFAULT, q, k, v);
        }
    };

    /** Std of the per-(head, channel) bias of K in channel-bias-k and LLM-like data. */
    public static final double K_BIAS_STD = 10.0;
    /** Std of the per-(head, channel) mean of V in v-channel-means and LLM-like data. */
    public static final double V_MEAN_STD = 1.0;
    /** Student-t degrees of freedom of outlier-qk's entries. */
    public static final int T_DOF = 3;
    /** Outlier channels per head in outlier-qk and bf16. */
    public static final int OUTLIER_CHANNELS = 4;
    /** Offset of an outlier channel. */
    public static final double OUTLIER_MAGNITUDE = 8.0;
    /** Std of Q and K entries in peaked-softmax. */
    public static final double PEAKED_STD = 3.0;

    /** Varlen sequence lengths per profile (queries = keys per sequence), with a length-1 and odd lengths. */
    private static final int[] VARLEN_CI = {1, 37, 128, 300, 64};
    private static final int[] VARLEN_FULL = {1, 100, 513, 1024, 2048, 333};
    private static final int VARLEN_HEADS = 2;
    private static final int VARLEN_DIM = 128;

    private final String cliName;
    private final String description;
    private final AttentionShape ci;
    private final AttentionShape full;

    Workload(String cliName, String description, AttentionShape ci, AttentionShape full) {
        this.cliName = cliName;
        this.description = description;
        this.ci = ci;
        this.full = full;
    }

    /** The name used on the command line, in the thresholds file and in reports, e.g. {@code channel-bias-k}. */
    public String cliName() {
        return cliName;
    }

    /** What the workload is and why it is there. */
    public String description() {
        return description;
    }

    /** The workload's tensors for a size profile and seed. */
    public WorkloadData generate(SizeProfile profile, long seed) {
        if (profile == null) {
            throw new IllegalArgumentException("profile must be one of " + SizeProfile.validNames() + ", got null");
        }
        TensorGenerator g = new TensorGenerator(seed, cliName);
        if (this == VARLEN) {
            return varlen(seed, profile == SizeProfile.CI ? VARLEN_CI : VARLEN_FULL, g);
        }
        return build(profile == SizeProfile.CI ? ci : full, g, seed);
    }

    abstract WorkloadData build(AttentionShape shape, TensorGenerator g, long seed);

    /** The workload called {@code name} (its {@link #cliName()}). */
    public static Workload byName(String name) {
        if (name != null) {
            for (Workload w : values()) {
                if (w.cliName.equals(name.strip())) {
                    return w;
                }
            }
        }
        throw new IllegalArgumentException("workload must be one of " + validNames() + ", got " + name);
    }

    /** Every workload's name, comma-separated, in declaration order. */
    public static String validNames() {
        return Arrays.stream(values()).map(Workload::cliName).collect(Collectors.joining(", "));
    }

    WorkloadData fixed(long seed, AttentionShape s, Layout layout, AttentionOptions options,
                                      float[] qHeadMajor, float[] kHeadMajor, float[] vHeadMajor) {
        return new WorkloadData(cliName, seed, s, layout, options,
                layout.fromHeadMajor(qHeadMajor, s.batch(), s.heads(), s.tokensQ(), s.headDim()),
                layout.fromHeadMajor(kHeadMajor, s.batch(), s.kvHeads(), s.tokensK(), s.headDim()),
                layout.fromHeadMajor(vHeadMajor, s.batch(), s.kvHeads(), s.tokensK(), s.headDim()), null);
    }

    WorkloadData llmLike(long seed, AttentionShape s, Layout layout, AttentionOptions options,
                                        TensorGenerator g) {
        int kvHeads = s.batch() * s.kvHeads();
        float[] q = g.gaussian(s.queryElements(), 1);
        float[] k = g.gaussian(s.keyElements(), 1);
        g.addChannelOffsets(k, kvHeads, s.tokensK(), s.headDim(), K_BIAS_STD);
        float[] v = g.gaussian(s.keyElements(), 1);
        g.addChannelOffsets(v, kvHeads, s.tokensK(), s.headDim(), V_MEAN_STD);
        return fixed(seed, s, layout, options, q, k, v);
    }

    private WorkloadData varlen(long seed, int[] lengths, TensorGenerator g) {
        int total = Arrays.stream(lengths).sum();
        int[] cu = new int[lengths.length + 1];
        for (int s = 0; s < lengths.length; s++) {
            cu[s + 1] = cu[s] + lengths[s];
        }
        // Packed [total, H, D] is NHD with B = 1 and N = total; each sequence gets its own K bias and V means,
        // as different requests (or documents) do.
        AttentionShape packed = AttentionShape.mha(1, VARLEN_HEADS, total, total, VARLEN_DIM);
        float[] q = new float[total * VARLEN_HEADS * VARLEN_DIM];
        float[] k = new float[q.length];
        float[] v = new float[q.length];
        for (int s = 0; s < lengths.length; s++) {
            AttentionShape one = AttentionShape.mha(1, VARLEN_HEADS, lengths[s], lengths[s], VARLEN_DIM);
            WorkloadData seq = llmLike(seed, one, Layout.NHD, AttentionOptions.DEFAULT, g);
            int at = cu[s] * VARLEN_HEADS * VARLEN_DIM;
            System.arraycopy(seq.q(), 0, q, at, seq.q().length);
            System.arraycopy(seq.k(), 0, k, at, seq.k().length);
            System.arraycopy(seq.v(), 0, v, at, seq.v().length);
        }
        return new WorkloadData(cliName, seed, packed, Layout.NHD,
                AttentionOptions.DEFAULT.withCausal(CausalAlignment.TOP_LEFT), q, k, v, new CuSeqlens(cu, cu));
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : String.format(Locale.ROOT, "%s", x);
    }
}
