package io.sage4j.accuracy;

import io.sage4j.reference.attention.AttentionInputs;
import io.sage4j.reference.attention.AttentionOptions;
import io.sage4j.reference.attention.AttentionShape;
import io.sage4j.reference.attention.CuSeqlens;
import io.sage4j.reference.attention.Layout;
import java.util.Arrays;
import java.util.Locale;

/**
 * The tensors of one workload instance. A fixed-length workload is one attention call ({@link #inputs()}). A
 * varlen workload ({@code cuSeqlens != null}) is packed tokens {@code [total, H, D]}: then {@code shape} is the
 * packed batch seen as one NHD sequence ({@code B = 1}, {@code Nq = totalQ}, {@code Nk = totalK}) so per-head
 * metrics cover every sequence, and {@code layout} is NHD.
 *
 * @param workload   the workload's name
 * @param seed       the seed it was generated from
 * @param shape      sizes (see above for varlen)
 * @param layout     memory order of q, k, v and the output
 * @param options    causal flag and the rest, the same for every sequence
 * @param q          queries
 * @param k          keys
 * @param v          values
 * @param cuSeqlens  sequence boundaries of a varlen batch, else null
 */
public record WorkloadData(String workload, long seed, AttentionShape shape, Layout layout, AttentionOptions options,
                           float[] q, float[] k, float[] v, CuSeqlens cuSeqlens) {
    public WorkloadData {
        if (workload == null || shape == null || layout == null || options == null) {
            throw new IllegalArgumentException("workload, shape, layout and options must not be null");
        }
        if (cuSeqlens != null) {
            if (layout != Layout.NHD || shape.batch() != 1) {
                throw new IllegalArgumentException("a varlen workload packs tokens as NHD with batch 1, got "
                        + layout + " with batch " + shape.batch());
            }
            if (cuSeqlens.totalQ() != shape.tokensQ() || cuSeqlens.totalK() != shape.tokensK()) {
                throw new IllegalArgumentException("cuSeqlens totals (" + cuSeqlens.totalQ() + ", "
                        + cuSeqlens.totalK() + ") must equal shape.tokensQ/tokensK (" + shape.tokensQ() + ", "
                        + shape.tokensK() + ")");
            }
        }
    }

    /** Whether this is a packed variable-length batch. */
    public boolean varlen() {
        return cuSeqlens != null;
    }

    /** The validated inputs of the single attention call (fixed-length workloads only). */
    public AttentionInputs inputs() {
        if (varlen()) {
            throw new IllegalStateException(workload + " is a varlen batch: its sequences are separate calls");
        }
        return new AttentionInputs(shape, layout, q, k, v, options);
    }

    /** Lengths of the sequences of a varlen batch (query lengths; keys have the same), else empty. */
    public int[] sequenceLengths() {
        if (!varlen()) {
            return new int[0];
        }
        int[] cu = cuSeqlens.q();
        int[] lengths = new int[cu.length - 1];
        for (int s = 0; s < lengths.length; s++) {
            lengths[s] = cu[s + 1] - cu[s];
        }
        return lengths;
    }

    /**
     * Query-key-channel products of one pass, {@code Σ_heads Σ_sequences visible(Nq·Nk)·D}: the unit of work
     * progress is counted in. With a causal mask only the visible half (about) counts.
     */
    public long scoreMacs() {
        long pairs = 0;
        if (varlen()) {
            for (int n : sequenceLengths()) {
                pairs += visiblePairs(n, n);
            }
        } else {
            pairs = (long) shape.batch() * visiblePairs(shape.tokensQ(), shape.tokensK());
        }
        return pairs * shape.heads() * shape.headDim();
    }

    private long visiblePairs(long nq, long nk) {
        if (!options.causal()) {
            return nq * nk;
        }
        // Top-left alignment (the workloads' choice): query i sees keys 0..i.
        return nq <= nk ? nq * (nq + 1) / 2 : nk * (nk + 1) / 2 + (nq - nk) * nk;
    }

    /** One line, e.g. {@code B=1 Hq=4 Hkv=4 Nq=4096 Nk=4096 D=128 HND} or {@code varlen[1,37,128] Hq=2 …}. */
    public String describeShape() {
        String head = varlen() ? "varlen" + Arrays.toString(sequenceLengths()).replace(" ", "")
                : String.format(Locale.ROOT, "B=%d", shape.batch());
        String tokens = varlen() ? "" : String.format(Locale.ROOT, " Nq=%d Nk=%d", shape.tokensQ(), shape.tokensK());
        return String.format(Locale.ROOT, "%s Hq=%d Hkv=%d%s D=%d %s%s", head, shape.heads(), shape.kvHeads(), tokens,
                shape.headDim(), layout, options.causal() ? " causal" : "");
    }
}
