package io.sage4j;

/**
 * The result of an attention call.
 *
 * @param output the attention output, in the dtype, layout and residence of q: dense {@code [B, Hq, Nq, D]} (HND)
 *               or {@code [B, Nq, Hq, D]} (NHD); varlen {@code [totalQ, Hq, D]}. The CPU backends return it in Java
 *               heap memory ({@code MemorySegment.ofArray}); copy it into an {@link java.lang.foreign.Arena} when
 *               native code needs an address.
 * @param lse    natural-log log-sum-exp of each score row, float32 — dense {@code [B, Hq, Nq]}, varlen
 *               {@code [Hq, totalQ]} — when {@link SageAttentionOptions#returnLse()} was set, else null.
 *               Rows with no visible key have LSE −∞ and output 0.
 */
public record AttentionOutput(Tensor output, HostTensor lse) {
    public AttentionOutput {
        if (output == null) {
            throw new IllegalArgumentException("output must not be null");
        }
    }

    /** The host output widened to float32 (row-major); throws for a device output. */
    public float[] outputArray() {
        if (output instanceof HostTensor host) {
            return host.toFloatArray();
        }
        throw new IllegalStateException("the output is a device tensor (" + output.describe() + "); copy it to the host first");
    }

    /** The LSE as a float array; throws if it was not requested. */
    public float[] lseArray() {
        if (lse == null) {
            throw new IllegalStateException("no LSE: set SageAttentionOptions.withLse() to get it");
        }
        return lse.toFloatArray();
    }
}
