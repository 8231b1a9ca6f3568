package io.sage4j;

import io.sage4j.reference.attention.CuSeqlens;
import io.sage4j.reference.attention.Layout;
import io.sage4j.spi.VarlenCall;

/**
 * Turns the arguments of {@code sageattnVarlen} into a validated {@link VarlenCall}. Packed tensors are
 * {@code [T, H, D]} with layout NHD and {@code [H, T, D]} with layout HND (T the packed token count).
 */
final class VarlenCallValidator {
    private VarlenCallValidator() {}

    static VarlenCall validate(Tensor q, Tensor k, Tensor v, int[] cuSeqlensQ, int[] cuSeqlensK, int maxSeqlenQ,
                               int maxSeqlenK, SageAttentionOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null; start from SageAttentionOptions.defaults()");
        }
        CallChecks.requireTensor("q", q);
        CallChecks.requireTensor("k", k);
        CallChecks.requireTensor("v", v);
        Layout layout = options.layout();
        String order = layout == Layout.NHD ? "NHD packed [T, H, D]" : "HND packed [H, T, D]";
        CallChecks.requireRank("q", q, 3, order);
        CallChecks.requireRank("k", k, 3, order);
        CallChecks.requireRank("v", v, 3, order);
        CallChecks.requireSameKind(q, k, v);
        int[] ks = k.shape();
        if (!java.util.Arrays.equals(ks, v.shape())) {
            throw new IllegalArgumentException("v has shape " + java.util.Arrays.toString(v.shape())
                    + " but k has " + java.util.Arrays.toString(ks) + "; k and v must have the same shape");
        }
        int tAxis = layout == Layout.NHD ? 0 : 1;
        int hAxis = 1 - tAxis;
        int[] qs = q.shape();
        int totalQ = qs[tAxis];
        int heads = qs[hAxis];
        int headDim = qs[2];
        int totalK = ks[tAxis];
        int kvHeads = ks[hAxis];
        if (ks[2] != headDim) {
            throw new IllegalArgumentException("k has head dim " + ks[2] + " but q has " + headDim
                    + "; q, k and v must have the same head dim D (last dimension)");
        }
        CallChecks.requireHeads(heads, kvHeads);
        CallChecks.requireHeadDim(headDim, options.algorithm());
        QuantGranularity granularity = CallChecks.granularity(options);
        if (options.mask() != null) {
            throw new IllegalArgumentException("mask must be null for sageattnVarlen (a mask's [Nq, Nk] shape cannot"
                    + " cover sequences of different lengths), got " + options.mask().describe());
        }
        checkCumulative("cuSeqlensQ", cuSeqlensQ, totalQ, "q");
        checkCumulative("cuSeqlensK", cuSeqlensK, totalK, "k");
        if (cuSeqlensQ.length != cuSeqlensK.length) {
            throw new IllegalArgumentException("cuSeqlensQ has " + cuSeqlensQ.length + " entries and cuSeqlensK "
                    + cuSeqlensK.length + "; both must hold (number of sequences + 1) entries");
        }
        checkMax("maxSeqlenQ", maxSeqlenQ, "cuSeqlensQ", cuSeqlensQ);
        checkMax("maxSeqlenK", maxSeqlenK, "cuSeqlensK", cuSeqlensK);
        for (int s = 0; s + 1 < cuSeqlensQ.length; s++) {
            int nq = cuSeqlensQ[s + 1] - cuSeqlensQ[s];
            int nk = cuSeqlensK[s + 1] - cuSeqlensK[s];
            if (nq > 0) {
                CallChecks.requireCausalLengths(options, nq, nk, " in sequence " + s);
            }
        }
        String[] names = layout == Layout.NHD ? new String[] {"t", "h", "d"} : new String[] {"h", "t", "d"};
        CallChecks.requireFinite("q", q, options, names);
        CallChecks.requireFinite("k", k, options, names);
        CallChecks.requireFinite("v", v, options, names);
        return new VarlenCall(q, k, v, new CuSeqlens(cuSeqlensQ, cuSeqlensK), maxSeqlenQ, maxSeqlenK, heads, kvHeads,
                headDim, layout, options.algorithm(), granularity, options.causal(), options.causalAlignment(),
                CallChecks.resolvedScale(options, headDim), options.returnLse(), options.nonFinite());
    }

    private static void checkCumulative(String name, int[] cu, int packed, String tensor) {
        if (cu == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (cu.length < 2) {
            throw new IllegalArgumentException(name + " must hold at least 2 entries (number of sequences + 1), got "
                    + cu.length);
        }
        if (cu[0] != 0) {
            throw new IllegalArgumentException(name + "[0] must be 0, got " + cu[0]);
        }
        for (int s = 1; s < cu.length; s++) {
            if (cu[s] < cu[s - 1]) {
                throw new IllegalArgumentException(name + " must be non-decreasing, but " + name + "[" + s + "] = "
                        + cu[s] + " < " + name + "[" + (s - 1) + "] = " + cu[s - 1]);
            }
        }
        if (cu[cu.length - 1] != packed) {
            throw new IllegalArgumentException(name + "'s last entry (" + cu[cu.length - 1] + ") must equal the packed "
                    + "token count of " + tensor + " (" + packed + ")");
        }
    }

    private static void checkMax(String name, int max, String cuName, int[] cu) {
        int longest = 0;
        int at = 0;
        for (int s = 0; s + 1 < cu.length; s++) {
            if (cu[s + 1] - cu[s] > longest) {
                longest = cu[s + 1] - cu[s];
                at = s;
            }
        }
        if (max < longest) {
            throw new IllegalArgumentException(name + " (" + max + ") must be >= the longest sequence in " + cuName
                    + " (" + longest + ", sequence " + at + ")");
        }
    }
}
