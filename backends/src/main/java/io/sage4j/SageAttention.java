package io.sage4j;

import io.sage4j.spi.AttentionBackend;
import io.sage4j.spi.AttentionCall;
import io.sage4j.spi.VarlenCall;

/**
 * sage4j's entry point: SageAttention-style attention on host or device tensors.
 * <pre>{@code
 * HostTensor q = HostTensor.of(qValues, 1, 8, 1024, 128);   // [B, H, N, D], float32
 * AttentionOutput out = SageAttention.sageattn(q, k, v, SageAttentionOptions.defaults().withCausal(true));
 * float[] o = out.outputArray();
 * }</pre>
 * Each call is validated first (every bad argument gets an {@link IllegalArgumentException} naming it, its value
 * and what is allowed), then runs on the backend the options name, or on the best available one that supports
 * the call ({@link Backends}).
 */
public final class SageAttention {
    private SageAttention() {}

    /** {@link #sageattn(Tensor, Tensor, Tensor, SageAttentionOptions)} with {@link SageAttentionOptions#defaults()}. */
    public static AttentionOutput sageattn(Tensor q, Tensor k, Tensor v) {
        return sageattn(q, k, v, SageAttentionOptions.defaults());
    }

    /**
     * Attention of q {@code [B, Hq, Nq, D]} against k and v {@code [B, Hkv, Nk, D]} (HND; NHD swaps H and N),
     * query head h reading key/value head {@code h / (Hq/Hkv)}. The output has q's shape, dtype and layout.
     */
    public static AttentionOutput sageattn(Tensor q, Tensor k, Tensor v, SageAttentionOptions options) {
        AttentionCall call = DenseCallValidator.validate(q, k, v, options);
        return backendFor(call, options.backend()).attend(call);
    }

    /**
     * Attention over a packed batch of sequences of different lengths: q {@code [totalQ, Hq, D]}, k and v
     * {@code [totalK, Hkv, D]} (layout NHD; HND means {@code [H, T, D]}), sequence s owning query rows
     * {@code [cuSeqlensQ[s], cuSeqlensQ[s+1])} and key rows {@code [cuSeqlensK[s], cuSeqlensK[s+1])}. Each
     * sequence is attended on its own (its own causal diagonal and quantization statistics). The LSE, when asked,
     * is {@code [Hq, totalQ]}. No user mask.
     *
     * @param maxSeqlenQ at least the longest query sequence
     * @param maxSeqlenK at least the longest key sequence
     */
    public static AttentionOutput sageattnVarlen(Tensor q, Tensor k, Tensor v, int[] cuSeqlensQ, int[] cuSeqlensK,
                                                 int maxSeqlenQ, int maxSeqlenK, SageAttentionOptions options) {
        VarlenCall call = VarlenCallValidator.validate(q, k, v, cuSeqlensQ, cuSeqlensK, maxSeqlenQ, maxSeqlenK,
                options);
        return backendFor(call, options.backend()).attendVarlen(call);
    }

    /** The backend a dense call with these arguments would run on (validating them first). */
    public static AttentionBackend selectBackend(Tensor q, Tensor k, Tensor v, SageAttentionOptions options) {
        AttentionCall call = DenseCallValidator.validate(q, k, v, options);
        return backendFor(call, options.backend());
    }

    private static AttentionBackend backendFor(AttentionCall call, String requested) {
        return BackendSelector.select(requested, backend -> backend.capabilities().unsupported(call));
    }

    private static AttentionBackend backendFor(VarlenCall call, String requested) {
        return BackendSelector.select(requested, backend -> backend.capabilities().unsupported(call));
    }
}
