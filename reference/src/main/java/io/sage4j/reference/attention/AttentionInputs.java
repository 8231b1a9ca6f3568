package io.sage4j.reference.attention;

/**
 * The arguments of one attention call, validated: q {@code [B, Hq, Nq, D]}, k and v {@code [B, Hkv, Nk, D]}
 * in {@code layout} (NHD puts N before H), float32, every element finite. The arrays are not copied;
 * algorithms do not modify them.
 */
public record AttentionInputs(AttentionShape shape, Layout layout, float[] q, float[] k, float[] v,
                              AttentionOptions options) {
    public AttentionInputs {
        Args.requireNonNull("shape", shape);
        Args.requireNonNull("layout", layout);
        Args.requireNonNull("options", options);
        Args.requireTensor("q", q, shape.queryElements(),
                "q " + layout.describe(shape.batch(), shape.heads(), shape.tokensQ(), shape.headDim()));
        String kvShape = layout.describe(shape.batch(), shape.kvHeads(), shape.tokensK(), shape.headDim());
        Args.requireTensor("k", k, shape.keyElements(), "k " + kvShape);
        Args.requireTensor("v", v, shape.keyElements(), "v " + kvShape);
        if (options.mask() != null) {
            options.mask().requireFits(shape);
        }
    }

    /** q in head-major order {@code [B·Hq][Nq][D]} (a copy). */
    float[] qHeadMajor() {
        return layout.toHeadMajor(q, shape.batch(), shape.heads(), shape.tokensQ(), shape.headDim());
    }

    /** k in head-major order {@code [B·Hkv][Nk][D]} (a copy). */
    float[] kHeadMajor() {
        return layout.toHeadMajor(k, shape.batch(), shape.kvHeads(), shape.tokensK(), shape.headDim());
    }

    /** v in head-major order {@code [B·Hkv][Nk][D]} (a copy). */
    float[] vHeadMajor() {
        return layout.toHeadMajor(v, shape.batch(), shape.kvHeads(), shape.tokensK(), shape.headDim());
    }

    /** Head-major output {@code [B·Hq][Nq][D]} put back into the inputs' layout. */
    float[] outputInLayout(float[] headMajor) {
        return layout.fromHeadMajor(headMajor, shape.batch(), shape.heads(), shape.tokensQ(), shape.headDim());
    }
}
