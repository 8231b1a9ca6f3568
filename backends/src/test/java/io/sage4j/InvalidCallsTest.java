package io.sage4j;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sage4j.reference.attention.CausalAlignment;
import io.sage4j.reference.attention.Layout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * More than a thousand invalid calls, generated per kind of mistake from seeded valid calls, each of which must be
 * rejected with an {@link IllegalArgumentException} whose message names the argument, quotes the offending value and
 * says what is allowed. The expected fragments are listed per case, so a vague message fails.
 */
class InvalidCallsTest {
    /** Words by which a message states what would be allowed. */
    private static final List<String> ALLOWED_PHRASES = List.of("must", "allowed", "supports", "needs", "only",
            "use ", "pass ", "implements", "registered", "leave", "expected", "cannot");

    private record Case(String kind, Supplier<Object> call, List<String> fragments) {}

    private final List<Case> cases = new ArrayList<>();

    private void add(String kind, Supplier<Object> call, String... fragments) {
        cases.add(new Case(kind, call, List.of(fragments)));
    }

    private static HostTensor tensor(SplittableRandom r, DType dtype, int... shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        float[] values = new float[(int) n];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) r.nextGaussian();
        }
        return HostTensor.of(values, dtype, shape);
    }

    /** A valid base call: q [B, Hq, Nq, D], k/v [B, Hkv, Nk, D] in the layout's order. */
    private record Base(int b, int hq, int hkv, int nq, int nk, int d, Layout layout, DType dtype) {
        int[] q() {
            return layout == Layout.HND ? new int[] {b, hq, nq, d} : new int[] {b, nq, hq, d};
        }

        int[] kv() {
            return layout == Layout.HND ? new int[] {b, hkv, nk, d} : new int[] {b, nk, hkv, d};
        }
    }

    private static Base base(SplittableRandom r) {
        int hkv = 1 + r.nextInt(2);
        int nq = 1 + r.nextInt(40);
        return new Base(1 + r.nextInt(2), hkv * (1 + r.nextInt(3)), hkv, nq, nq + r.nextInt(40), 16 * (2 + r.nextInt(4)),
                r.nextBoolean() ? Layout.HND : Layout.NHD, DType.values()[r.nextInt(3)]);
    }

    @Test
    void everyInvalidCallIsRejectedWithAClearMessage() {
        for (int seed = 0; seed < 60; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            Base s = base(r);
            HostTensor q = tensor(r, s.dtype, s.q());
            HostTensor k = tensor(r, s.dtype, s.kv());
            HostTensor v = tensor(r, s.dtype, s.kv());
            SageAttentionOptions o = SageAttentionOptions.defaults().withLayout(s.layout).withAlgorithm(Algorithm.EXACT);

            add("null q", () -> SageAttention.sageattn(null, k, v, o), "q", "null");
            add("null k", () -> SageAttention.sageattn(q, null, v, o), "k", "null");
            add("null v", () -> SageAttention.sageattn(q, k, null, o), "v", "null");
            add("null options", () -> SageAttention.sageattn(q, k, v, null), "options", "null");
            int[] rank3 = {s.b * s.hq, s.nq, s.d};
            add("q rank", () -> SageAttention.sageattn(tensor(r, s.dtype, rank3), k, v, o), "q", "rank 4", "rank 3");
            add("k rank", () -> SageAttention.sageattn(q, tensor(r, s.dtype, 1, s.b, s.hkv, s.nk, s.d), v, o), "k",
                    "rank 4", "rank 5");
            DType other = DType.values()[(s.dtype.ordinal() + 1 + r.nextInt(2)) % 3];
            add("k dtype", () -> SageAttention.sageattn(q, tensor(r, other, s.kv()), v, o), "k.dtype", other.name(),
                    s.dtype.name());
            add("v dtype", () -> SageAttention.sageattn(q, k, tensor(r, other, s.kv()), o), "v.dtype", other.name());
            int[] badV = s.kv().clone();
            badV[3] = s.d + 16;
            add("v shape", () -> SageAttention.sageattn(q, k, tensor(r, s.dtype, badV), o), "v", "shape",
                    java.util.Arrays.toString(badV));
            int[] badBatch = s.kv().clone();
            badBatch[0] = s.b + 1;
            add("batch", () -> SageAttention.sageattn(q, tensor(r, s.dtype, badBatch), tensor(r, s.dtype, badBatch), o),
                    "batch", String.valueOf(s.b + 1), String.valueOf(s.b));
            int[] badDim = s.kv().clone();
            badDim[3] = s.d + 16;
            add("head dim", () -> SageAttention.sageattn(q, tensor(r, s.dtype, badDim), tensor(r, s.dtype, badDim), o),
                    "head dim", String.valueOf(s.d + 16));
            int hq = s.hkv * 2 + 1;
            int[] qOdd = s.layout == Layout.HND ? new int[] {s.b, hq, s.nq, s.d} : new int[] {s.b, s.nq, hq, s.d};
            int[] kvTwo = s.layout == Layout.HND ? new int[] {s.b, 2, s.nk, s.d} : new int[] {s.b, s.nk, 2, s.d};
            add("heads", () -> SageAttention.sageattn(tensor(r, s.dtype, qOdd), tensor(r, s.dtype, kvTwo),
                    tensor(r, s.dtype, kvTwo), o), "Hq", "multiple", String.valueOf(hq), "2");
            int small = 1 + r.nextInt(31);
            add("head dim too small", () -> callWithDim(r, s, small, o), "headDim", "[32, 256]", String.valueOf(small));
            int large = 257 + r.nextInt(100);
            add("head dim too large", () -> callWithDim(r, s, large, o), "headDim", "[32, 256]", String.valueOf(large));
            int odd = 32 + 16 * r.nextInt(10) + 1 + r.nextInt(15);
            add("sage3 head dim", () -> callWithDim(r, s, odd, o.withAlgorithm(Algorithm.SAGE3_FP4)), "headDim",
                    String.valueOf(odd), "sage3-fp4", "multiple of 16");
            add("cpu-vector head dim", () -> callWithDim(r, s, odd, o.withBackend("cpu-vector")), "cpu-vector",
                    "headDim=" + odd, "multiples of 16");
            QuantGranularity g = QuantGranularity.values()[r.nextInt(3)];
            add("granularity exact", () -> SageAttention.sageattn(q, k, v, o.withGranularity(g)), "granularity=" + g,
                    "sage2-int8", "exact");
            add("granularity sage3", () -> SageAttention.sageattn(q, k, v, o.withAlgorithm(Algorithm.SAGE3_FP4)
                    .withGranularity(g)), "granularity=" + g, "sage3-fp4");
            int nqBig = s.nk + 1 + r.nextInt(10);
            int[] qLong = s.layout == Layout.HND ? new int[] {s.b, s.hq, nqBig, s.d} : new int[] {s.b, nqBig, s.hq, s.d};
            add("causal lengths", () -> SageAttention.sageattn(tensor(r, s.dtype, qLong), k, v,
                    o.withCausal(CausalAlignment.BOTTOM_RIGHT)), "causal", "BOTTOM_RIGHT", "tokensQ=" + nqBig,
                    "tokensK=" + s.nk);
            Mask wrongMask = Mask.keepBroadcast(new boolean[(s.nq + 1) * s.nk], s.nq + 1, s.nk);
            add("mask shape", () -> SageAttention.sageattn(q, k, v, o.withMask(wrongMask)), "mask", "Nq=" + (s.nq + 1),
                    "Nq=" + s.nq);
            Mask wrongHeads = Mask.additive(new float[s.b * (s.hq + 1) * s.nq * s.nk], s.b, s.hq + 1, s.nq, s.nk);
            add("mask heads", () -> SageAttention.sageattn(q, k, v, o.withMask(wrongHeads)), "mask",
                    "Hq=" + (s.hq + 1), "Hq=" + s.hq);
            for (String tensorName : new String[] {"q", "k", "v"}) {
                for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                    HostTensor t = tensorName.equals("q") ? tensor(r, s.dtype, s.q()) : tensor(r, s.dtype, s.kv());
                    long at = r.nextLong(t.elementCount());
                    t.set(at, bad);
                    HostTensor tq = tensorName.equals("q") ? t : q;
                    HostTensor tk = tensorName.equals("k") ? t : k;
                    HostTensor tv = tensorName.equals("v") ? t : v;
                    add("non-finite " + tensorName, () -> SageAttention.sageattn(tq, tk, tv, o), tensorName + "[",
                            String.valueOf(bad), "finite", "NonFinitePolicy.ALLOW");
                }
            }
            float badScale = new float[] {0f, -1f, Float.NaN, Float.POSITIVE_INFINITY, -0.5f}[r.nextInt(5)];
            add("smScale", () -> o.withSmScale(badScale), "smScale", String.valueOf(badScale), "> 0");
            String name = "gpu-" + r.nextInt(1000);
            add("backend name", () -> SageAttention.sageattn(q, k, v, o.withBackend(name)), "backend", name,
                    "cpu-vector");
            add("blank backend", () -> o.withBackend(" "), "backend", "auto");
            add("reference with ALLOW", () -> SageAttention.sageattn(q, k, v, o.withBackend("cpu-reference")
                    .withNonFinite(NonFinitePolicy.ALLOW)), "cpu-reference", "nonFinite=ALLOW");
            DeviceTensor dq = new DeviceTensor(0x10_0000, 0, s.dtype, s.q());
            DeviceTensor dk = new DeviceTensor(0x20_0000, 0, s.dtype, s.kv());
            add("device on cpu", () -> SageAttention.sageattn(dq, dk, dk, o.withBackend("cpu-vector")), "cpu-vector",
                    "q", "device", "host tensors only");
            add("device automatic", () -> SageAttention.sageattn(dq, dk, dk, o), "no registered backend", "cpu-vector",
                    "cpu-reference");
            add("mixed residence", () -> SageAttention.sageattn(q, dk, dk, o), "k", "DeviceTensor", "HostTensor");
            add("device pointer", () -> new DeviceTensor(0, 0, s.dtype, s.q()), "address", "0");
            add("device ordinal", () -> new DeviceTensor(1, -1 - r.nextInt(3), s.dtype, s.q()), "device", ">= 0");
            addVarlen(r, s);
            addFactories(r, s);
        }
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            String problem = check(c);
            if (problem != null) {
                failures.add(c.kind + ": " + problem);
            }
        }
        System.out.printf("%d invalid calls, %d kinds%n", cases.size(),
                cases.stream().map(Case::kind).distinct().count());
        assertTrue(cases.size() >= 1000, "only " + cases.size() + " cases");
        if (!failures.isEmpty()) {
            fail(failures.size() + " invalid calls not rejected clearly, e.g. " + failures.stream()
                    .collect(java.util.stream.Collectors.toMap(f -> f.substring(0, f.indexOf(':')), f -> f, (a, b) -> a))
                    .values());
        }
    }

    private static Object callWithDim(SplittableRandom r, Base s, int dim, SageAttentionOptions o) {
        Base b = new Base(s.b, s.hq, s.hkv, s.nq, s.nk, dim, s.layout, s.dtype);
        return SageAttention.sageattn(tensor(r, s.dtype, b.q()), tensor(r, s.dtype, b.kv()), tensor(r, s.dtype, b.kv()), o);
    }

    private void addVarlen(SplittableRandom r, Base s) {
        int sequences = 1 + r.nextInt(3);
        int[] cuQ = new int[sequences + 1];
        int[] cuK = new int[sequences + 1];
        for (int i = 0; i < sequences; i++) {
            cuQ[i + 1] = cuQ[i] + 1 + r.nextInt(20);
            cuK[i + 1] = cuK[i] + 1 + r.nextInt(20);
        }
        int totalQ = cuQ[sequences];
        int totalK = cuK[sequences];
        HostTensor q = tensor(r, s.dtype, totalQ, s.hq, s.d);
        HostTensor k = tensor(r, s.dtype, totalK, s.hkv, s.d);
        SageAttentionOptions o = SageAttentionOptions.defaults().withLayout(Layout.NHD).withAlgorithm(Algorithm.EXACT);
        int maxQ = 64;
        int maxK = 64;
        add("varlen null cu", () -> SageAttention.sageattnVarlen(q, k, k, null, cuK, maxQ, maxK, o), "cuSeqlensQ", "null");
        add("varlen short cu", () -> SageAttention.sageattnVarlen(q, k, k, new int[] {totalQ}, cuK, maxQ, maxK, o),
                "cuSeqlensQ", "at least 2", "1");
        int[] notZero = cuQ.clone();
        notZero[0] = 1 + r.nextInt(3);
        add("varlen cu start", () -> SageAttention.sageattnVarlen(q, k, k, notZero, cuK, maxQ, maxK, o),
                "cuSeqlensQ[0]", "must be 0", String.valueOf(notZero[0]));
        if (sequences >= 2) {
            int[] decreasing = cuK.clone();
            decreasing[1] = cuK[2] + 1;
            add("varlen decreasing", () -> SageAttention.sageattnVarlen(q, k, k, cuQ, decreasing, maxQ, maxK, o),
                    "cuSeqlensK", "non-decreasing", String.valueOf(decreasing[1]));
        }
        int[] wrongTotal = cuQ.clone();
        wrongTotal[sequences] = totalQ + 1 + r.nextInt(5);
        add("varlen total", () -> SageAttention.sageattnVarlen(q, k, k, wrongTotal, cuK, maxQ, maxK, o), "cuSeqlensQ",
                String.valueOf(wrongTotal[sequences]), String.valueOf(totalQ));
        int[] longer = java.util.Arrays.copyOf(cuK, sequences + 2);
        longer[sequences + 1] = totalK;
        add("varlen entries", () -> SageAttention.sageattnVarlen(q, k, k, cuQ, longer, maxQ, maxK, o), "cuSeqlensQ",
                "cuSeqlensK", String.valueOf(sequences + 2));
        add("varlen maxSeqlenQ", () -> SageAttention.sageattnVarlen(q, k, k, cuQ, cuK, 0, maxK, o), "maxSeqlenQ", "(0)",
                "longest");
        add("varlen maxSeqlenK", () -> SageAttention.sageattnVarlen(q, k, k, cuQ, cuK, maxQ, 0, o), "maxSeqlenK", "(0)",
                "longest");
        Mask mask = Mask.keepBroadcast(new boolean[4], 2, 2);
        add("varlen mask", () -> SageAttention.sageattnVarlen(q, k, k, cuQ, cuK, maxQ, maxK, o.withMask(mask)), "mask",
                "null", "sageattnVarlen");
        add("varlen rank", () -> SageAttention.sageattnVarlen(tensor(r, s.dtype, 1, totalQ, s.hq, s.d), k, k, cuQ, cuK,
                maxQ, maxK, o), "q", "rank 3", "rank 4");
        HostTensor kTwoHeads = tensor(r, s.dtype, totalK, 2, s.d);
        add("varlen heads", () -> SageAttention.sageattnVarlen(tensor(r, s.dtype, totalQ, 3, s.d), kTwoHeads, kTwoHeads,
                cuQ, cuK, maxQ, maxK, o), "Hq", "multiple", "3");
        int[] cuKShort = cuK.clone();
        int[] cuQLong = cuQ.clone();
        for (int i = 1; i <= sequences; i++) {
            cuKShort[i] = i;  // one key per sequence
            cuQLong[i] = cuQ[i] + i;  // at least two queries per sequence
        }
        HostTensor qLong = tensor(r, s.dtype, cuQLong[sequences], s.hq, s.d);
        HostTensor kShort = tensor(r, s.dtype, sequences, s.hkv, s.d);
        add("varlen causal", () -> SageAttention.sageattnVarlen(qLong, kShort, kShort, cuQLong, cuKShort, maxQ, maxK,
                o.withCausal(CausalAlignment.BOTTOM_RIGHT)), "BOTTOM_RIGHT", "sequence 0", "tokensK=1");
        HostTensor nan = tensor(r, s.dtype, totalK, s.hkv, s.d);
        long at = r.nextLong(nan.elementCount());
        nan.set(at, Float.NaN);
        add("varlen non-finite", () -> SageAttention.sageattnVarlen(q, k, nan, cuQ, cuK, maxQ, maxK, o), "v[t=",
                "NaN", "finite");
    }

    private void addFactories(SplittableRandom r, Base s) {
        int n = 1 + r.nextInt(50);
        add("tensor length", () -> HostTensor.of(new float[n], n + 1), "values", String.valueOf(n),
                String.valueOf(n + 1));
        add("tensor extent", () -> HostTensor.of(new float[0], 0, 4), "shape", "extent 0", ">= 1");
        add("bits dtype", () -> HostTensor.ofBits(new short[n], DType.FP32, n), "dtype", "FP16 or BF16", "FP32");
        int nq = 1 + r.nextInt(9);
        int nk = 1 + r.nextInt(9);
        add("mask length", () -> Mask.keep(new boolean[nq * nk], 2, 1, nq, nk), "keep", String.valueOf(nq * nk),
                String.valueOf(2 * nq * nk));
        float[] bias = new float[nq * nk];
        int at = r.nextInt(bias.length);
        bias[at] = r.nextBoolean() ? Float.NaN : Float.POSITIVE_INFINITY;
        add("mask bias", () -> Mask.additiveBroadcast(bias, nq, nk), "bias[" + at + "]", String.valueOf(bias[at]),
                "-Infinity");
        add("algorithm id", () -> Algorithm.fromId("sage" + (4 + r.nextInt(5))), "algorithm", "sage2-int8", "allowed");
    }

    private static String check(Case c) {
        try {
            c.call.get();
            return "accepted";
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            if (message == null) {
                return "no message";
            }
            for (String fragment : c.fragments) {
                if (!message.contains(fragment)) {
                    return "message lacks \"" + fragment + "\": " + message;
                }
            }
            if (ALLOWED_PHRASES.stream().noneMatch(message::contains)) {
                return "message does not say what is allowed: " + message;
            }
            return null;
        } catch (RuntimeException e) {
            return "threw " + e;
        }
    }
}
