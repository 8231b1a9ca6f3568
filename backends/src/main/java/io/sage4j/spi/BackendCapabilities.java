package io.sage4j.spi;

import io.sage4j.Algorithm;
import io.sage4j.DType;
import io.sage4j.DeviceTensor;
import io.sage4j.HostTensor;
import io.sage4j.NonFinitePolicy;
import io.sage4j.QuantGranularity;
import io.sage4j.Tensor;
import java.util.Optional;
import java.util.Set;

/**
 * What a backend can run. {@link #unsupported} turns a call into the first option the backend cannot honour,
 * named with its value and what the backend allows — the message of the {@link IllegalArgumentException} a call
 * gets, because no option may be silently ignored.
 *
 * @param algorithms       algorithms implemented
 * @param minHeadDim       smallest head dimension D
 * @param maxHeadDim       largest head dimension D
 * @param headDimMultiple  D must be a multiple of this (1: any)
 * @param dtypes           element types of q, k, v accepted (the output has q's)
 * @param hostTensors      accepts {@link HostTensor}s
 * @param deviceTensors    accepts {@link DeviceTensor}s
 * @param masks            honours a user mask
 * @param varlen           runs {@code sageattnVarlen}
 * @param lse              returns the LSE
 * @param granularities    sage2-int8 granularities implemented
 * @param nonFiniteInputs  accepts {@link NonFinitePolicy#ALLOW} (runs non-finite inputs without rejecting them)
 */
public record BackendCapabilities(Set<Algorithm> algorithms, int minHeadDim, int maxHeadDim, int headDimMultiple,
                                  Set<DType> dtypes, boolean hostTensors, boolean deviceTensors, boolean masks,
                                  boolean varlen, boolean lse, Set<QuantGranularity> granularities,
                                  boolean nonFiniteInputs) {
    public BackendCapabilities {
        algorithms = Set.copyOf(algorithms);
        dtypes = Set.copyOf(dtypes);
        granularities = Set.copyOf(granularities);
        if (minHeadDim < 1 || maxHeadDim < minHeadDim || headDimMultiple < 1) {
            throw new IllegalArgumentException("head dims need 1 <= min <= max and multiple >= 1, got [" + minHeadDim
                    + ", " + maxHeadDim + "] multiple of " + headDimMultiple);
        }
    }

    /** Whether {@code headDim} is supported. */
    public boolean supportsHeadDim(int headDim) {
        return headDim >= minHeadDim && headDim <= maxHeadDim && headDim % headDimMultiple == 0;
    }

    /** The first thing about a dense call this backend cannot do, or empty when it can run it. */
    public Optional<String> unsupported(AttentionCall call) {
        return first(
                algorithm(call.algorithm()),
                headDim(call.shape().headDim()),
                tensors(call.q(), call.k(), call.v()),
                call.mask() != null && !masks
                        ? "cannot honour mask=" + call.mask().describe() + ": it does not support user masks" : null,
                call.returnLse() && !lse ? "cannot honour returnLse=true: it does not compute the LSE" : null,
                granularity(call.granularity()),
                nonFinite(call.nonFinite()));
    }

    /** The first thing about a varlen call this backend cannot do, or empty when it can run it. */
    public Optional<String> unsupported(VarlenCall call) {
        return first(
                !varlen ? "cannot run sageattnVarlen: it does not support variable-length batches" : null,
                algorithm(call.algorithm()),
                headDim(call.headDim()),
                tensors(call.q(), call.k(), call.v()),
                call.returnLse() && !lse ? "cannot honour returnLse=true: it does not compute the LSE" : null,
                granularity(call.granularity()),
                nonFinite(call.nonFinite()));
    }

    /** One line for listings: {@code sage2-int8, exact; D 32..256 step 16; fp32/fp16/bf16 host; mask, varlen, LSE}. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(String.join(", ", algorithms.stream().sorted().map(Algorithm::id).toList()));
        s.append("; D ").append(minHeadDim).append("..").append(maxHeadDim);
        if (headDimMultiple > 1) {
            s.append(" step ").append(headDimMultiple);
        }
        s.append("; ").append(String.join("/", dtypes.stream().sorted().map(d -> d.name().toLowerCase()).toList()));
        s.append(hostTensors && deviceTensors ? " host+device" : hostTensors ? " host" : " device");
        StringBuilder features = new StringBuilder();
        if (masks) {
            features.append(", mask");
        }
        if (varlen) {
            features.append(", varlen");
        }
        if (lse) {
            features.append(", LSE");
        }
        if (nonFiniteInputs) {
            features.append(", non-finite inputs");
        }
        if (!granularities.isEmpty()) {
            features.append(", sage2 granularity ").append(String.join("/",
                    granularities.stream().sorted().map(g -> g.name().toLowerCase()).toList()));
        }
        if (!features.isEmpty()) {
            s.append(";").append(features.substring(1));
        }
        return s.toString();
    }

    private String algorithm(Algorithm algorithm) {
        return algorithms.contains(algorithm) ? null
                : "does not implement algorithm=" + algorithm.id() + "; it implements "
                        + algorithms.stream().sorted().map(Algorithm::id).toList();
    }

    private String headDim(int headDim) {
        return supportsHeadDim(headDim) ? null
                : "does not support headDim=" + headDim + "; it supports " + headDimRule();
    }

    private String headDimRule() {
        return headDimMultiple > 1 ? "multiples of " + headDimMultiple + " in [" + minHeadDim + ", " + maxHeadDim + "]"
                : "[" + minHeadDim + ", " + maxHeadDim + "]";
    }

    private String tensors(Tensor q, Tensor k, Tensor v) {
        Tensor[] all = {q, k, v};
        String[] names = {"q", "k", "v"};
        for (int i = 0; i < all.length; i++) {
            if (all[i] instanceof HostTensor && !hostTensors) {
                return "cannot read " + names[i] + " (" + all[i].describe() + "): it takes device tensors only";
            }
            if (all[i] instanceof DeviceTensor && !deviceTensors) {
                return "cannot read " + names[i] + " (" + all[i].describe() + "): it takes host tensors only";
            }
            if (!dtypes.contains(all[i].dtype())) {
                return "does not support dtype=" + all[i].dtype() + " (of " + names[i] + "); it supports "
                        + dtypes.stream().sorted().toList();
            }
        }
        return null;
    }

    private String granularity(QuantGranularity granularity) {
        return granularity == null || granularities.contains(granularity) ? null
                : "does not implement granularity=" + granularity + "; it implements "
                        + granularities.stream().sorted().toList();
    }

    private String nonFinite(NonFinitePolicy policy) {
        return policy == NonFinitePolicy.ALLOW && !nonFiniteInputs
                ? "cannot honour nonFinite=ALLOW: it only runs finite inputs (use the default REJECT)" : null;
    }

    private static Optional<String> first(String... reasons) {
        for (String reason : reasons) {
            if (reason != null) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }
}
