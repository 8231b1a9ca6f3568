package io.sage4j;

import io.sage4j.reference.attention.AttentionShape;
import io.sage4j.reference.attention.CausalAlignment;
import java.util.Arrays;

/** Checks shared by dense and varlen validation; each failure names the argument, its value and what is allowed. */
final class CallChecks {
    private CallChecks() {}

    static void requireTensor(String name, Tensor t) {
        if (t == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    static void requireRank(String name, Tensor t, int rank, String expected) {
        if (t.rank() != rank) {
            throw new IllegalArgumentException(name + " must have rank " + rank + " (" + expected + "), got rank "
                    + t.rank() + " " + Arrays.toString(t.shape()));
        }
    }

    /** k and v share q's dtype and residence (and device). */
    static void requireSameKind(Tensor q, Tensor k, Tensor v) {
        for (Object[] other : new Object[][] {{"k", k}, {"v", v}}) {
            String name = (String) other[0];
            Tensor t = (Tensor) other[1];
            if (t.dtype() != q.dtype()) {
                throw new IllegalArgumentException(name + ".dtype " + t.dtype() + " differs from q.dtype " + q.dtype()
                        + "; q, k and v must share one dtype (FP32, FP16 or BF16)");
            }
            if (t.getClass() != q.getClass()) {
                throw new IllegalArgumentException(name + " is a " + t.getClass().getSimpleName() + " but q is a "
                        + q.getClass().getSimpleName() + "; q, k and v must all be host tensors or all device tensors");
            }
            if (t instanceof DeviceTensor dt && q instanceof DeviceTensor dq && dt.device() != dq.device()) {
                throw new IllegalArgumentException(name + " is on device " + dt.device() + " but q is on device "
                        + dq.device() + "; q, k and v must be on one device");
            }
        }
    }

    static void requireHeads(int heads, int kvHeads) {
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("q has " + heads + " heads and k/v " + kvHeads + ": the query heads Hq"
                    + " must be a multiple of the key/value heads Hkv (grouped-query attention), got Hq % Hkv = "
                    + heads % kvHeads);
        }
    }

    static void requireHeadDim(int headDim, Algorithm algorithm) {
        if (headDim < AttentionShape.MIN_HEAD_DIM || headDim > AttentionShape.MAX_HEAD_DIM) {
            throw new IllegalArgumentException("headDim (the last dimension of q, k and v) must be in ["
                    + AttentionShape.MIN_HEAD_DIM + ", " + AttentionShape.MAX_HEAD_DIM + "], got " + headDim);
        }
        if (algorithm == Algorithm.SAGE3_FP4 && headDim % 16 != 0) {
            throw new IllegalArgumentException("headDim " + headDim + " is not supported by algorithm=sage3-fp4: NVFP4"
                    + " quantizes Q and K in blocks of 16 channels, so headDim must be a multiple of 16");
        }
    }

    /** The granularity the call uses: the given one for sage2-int8 (default PER_THREAD), none otherwise. */
    static QuantGranularity granularity(SageAttentionOptions options) {
        if (options.algorithm() == Algorithm.SAGE2_INT8) {
            return options.granularity() != null ? options.granularity() : QuantGranularity.PER_THREAD;
        }
        if (options.granularity() != null) {
            throw new IllegalArgumentException("granularity=" + options.granularity() + " applies to algorithm="
                    + Algorithm.SAGE2_INT8.id() + " only (its INT8 token groups); algorithm=" + options.algorithm().id()
                    + (options.algorithm() == Algorithm.SAGE3_FP4 ? " always uses NVFP4 blocks of 16 channels"
                    : " does not quantize") + " — leave granularity null");
        }
        return null;
    }

    /** Causal bottom-right alignment with more queries than keys leaves the first queries without any key. */
    static void requireCausalLengths(SageAttentionOptions options, int tokensQ, int tokensK, String where) {
        if (options.causal() && options.causalAlignment() == CausalAlignment.BOTTOM_RIGHT && tokensQ > tokensK) {
            throw new IllegalArgumentException("causal=true with causalAlignment=BOTTOM_RIGHT needs tokensK >= tokensQ"
                    + where + ", got tokensQ=" + tokensQ + ", tokensK=" + tokensK + ": the first " + (tokensQ - tokensK)
                    + " queries would see no key; use TOP_LEFT (query i sees keys 0..i) or pass at least as many keys");
        }
    }

    /** Under {@link NonFinitePolicy#REJECT}, the first NaN/∞ of a host tensor is an error naming its position. */
    static void requireFinite(String name, Tensor t, SageAttentionOptions options, String... dimNames) {
        if (options.nonFinite() != NonFinitePolicy.REJECT || !(t instanceof HostTensor host)) {
            return;  // device tensors: the backend applies the policy on the device
        }
        long at = FiniteScan.firstNonFinite(host);
        if (at >= 0) {
            throw new IllegalArgumentException(name + TensorPositions.describe(at, host.shape(), dimNames) + " = "
                    + host.get(at) + ": inputs must be finite under nonFinite=REJECT (the default); pass "
                    + "NonFinitePolicy.ALLOW to let NaN and infinity through");
        }
    }

    static float resolvedScale(SageAttentionOptions options, int headDim) {
        return options.smScale() != null ? options.smScale() : (float) (1.0 / Math.sqrt(headDim));
    }
}
