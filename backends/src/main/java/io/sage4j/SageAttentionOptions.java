package io.sage4j;

import io.sage4j.reference.attention.CausalAlignment;
import io.sage4j.reference.attention.Layout;

/**
 * Options of one {@link SageAttention} call. Start from {@link #defaults()} and change what you need:
 * <pre>{@code SageAttentionOptions.defaults().withLayout(Layout.NHD).withCausal(true).withLse()}</pre>
 * Every option is either honoured by the chosen backend or the call fails naming it — none is ignored.
 *
 * @param layout          memory order of q, k, v and the output: {@link Layout#HND} {@code [B, H, N, D]} (default)
 *                        or {@link Layout#NHD} {@code [B, N, H, D]}; varlen tensors are always {@code [T, H, D]}
 * @param causal          mask keys after each query (see {@code causalAlignment})
 * @param causalAlignment where the causal diagonal sits when Nq ≠ Nk (default {@link CausalAlignment#TOP_LEFT},
 *                        SageAttention's); read only when causal
 * @param smScale         softmax scale, finite and &gt; 0, or null for {@code 1/sqrt(D)} rounded to float
 * @param mask            user mask combined with the causal one, or null
 * @param returnLse       also return the natural-log LSE of every score row
 * @param algorithm       what to compute (default {@link Algorithm#SAGE2_INT8})
 * @param backend         backend name (see {@link Backends#all()}), or {@value #AUTOMATIC} for the best available
 *                        backend that supports the call
 * @param granularity     INT8 scale granularity of {@link Algorithm#SAGE2_INT8}, or null for
 *                        {@link QuantGranularity#PER_THREAD}; must be null for other algorithms
 * @param nonFinite       NaN/±∞ policy for q, k, v (default {@link NonFinitePolicy#REJECT})
 */
public record SageAttentionOptions(Layout layout, boolean causal, CausalAlignment causalAlignment, Float smScale,
                                   Mask mask, boolean returnLse, Algorithm algorithm, String backend,
                                   QuantGranularity granularity, NonFinitePolicy nonFinite) {
    /** The {@link #backend()} value that lets sage4j choose. */
    public static final String AUTOMATIC = "auto";

    private static final SageAttentionOptions DEFAULTS = new SageAttentionOptions(Layout.HND, false,
            CausalAlignment.TOP_LEFT, null, null, false, Algorithm.SAGE2_INT8, AUTOMATIC, null,
            NonFinitePolicy.REJECT);

    public SageAttentionOptions {
        requireNonNull("layout", layout, java.util.Arrays.toString(Layout.values()));
        requireNonNull("causalAlignment", causalAlignment, java.util.Arrays.toString(CausalAlignment.values()));
        requireNonNull("algorithm", algorithm, java.util.Arrays.stream(Algorithm.values()).map(Algorithm::id).toList().toString());
        requireNonNull("nonFinite", nonFinite, java.util.Arrays.toString(NonFinitePolicy.values()));
        if (backend == null || backend.isBlank()) {
            throw new IllegalArgumentException("backend must be a backend name or \"" + AUTOMATIC + "\", got "
                    + (backend == null ? "null" : "\"" + backend + "\""));
        }
        if (smScale != null && !(Float.isFinite(smScale) && smScale > 0f)) {
            throw new IllegalArgumentException("smScale must be finite and > 0 (or null for 1/sqrt(headDim)), got "
                    + smScale);
        }
    }

    /** HND, not causal, default scale, no mask, no LSE, sage2-int8, automatic backend, non-finite rejected. */
    public static SageAttentionOptions defaults() {
        return DEFAULTS;
    }

    public SageAttentionOptions withLayout(Layout value) {
        return new SageAttentionOptions(value, causal, causalAlignment, smScale, mask, returnLse, algorithm, backend,
                granularity, nonFinite);
    }

    public SageAttentionOptions withCausal(boolean value) {
        return new SageAttentionOptions(layout, value, causalAlignment, smScale, mask, returnLse, algorithm, backend,
                granularity, nonFinite);
    }

    /** Causal, with the diagonal aligned as given. */
    public SageAttentionOptions withCausal(CausalAlignment alignment) {
        return new SageAttentionOptions(layout, true, alignment, smScale, mask, returnLse, algorithm, backend,
                granularity, nonFinite);
    }

    /** An explicit softmax scale; null restores {@code 1/sqrt(D)}. */
    public SageAttentionOptions withSmScale(Float value) {
        return new SageAttentionOptions(layout, causal, causalAlignment, value, mask, returnLse, algorithm, backend,
                granularity, nonFinite);
    }

    public SageAttentionOptions withMask(Mask value) {
        return new SageAttentionOptions(layout, causal, causalAlignment, smScale, value, returnLse, algorithm, backend,
                granularity, nonFinite);
    }

    /** Also return the LSE. */
    public SageAttentionOptions withLse() {
        return withLse(true);
    }

    public SageAttentionOptions withLse(boolean value) {
        return new SageAttentionOptions(layout, causal, causalAlignment, smScale, mask, value, algorithm, backend,
                granularity, nonFinite);
    }

    public SageAttentionOptions withAlgorithm(Algorithm value) {
        return new SageAttentionOptions(layout, causal, causalAlignment, smScale, mask, returnLse, value, backend,
                granularity, nonFinite);
    }

    /** A backend by name, or {@value #AUTOMATIC}. */
    public SageAttentionOptions withBackend(String value) {
        return new SageAttentionOptions(layout, causal, causalAlignment, smScale, mask, returnLse, algorithm, value,
                granularity, nonFinite);
    }

    public SageAttentionOptions withGranularity(QuantGranularity value) {
        return new SageAttentionOptions(layout, causal, causalAlignment, smScale, mask, returnLse, algorithm, backend,
                value, nonFinite);
    }

    public SageAttentionOptions withNonFinite(NonFinitePolicy value) {
        return new SageAttentionOptions(layout, causal, causalAlignment, smScale, mask, returnLse, algorithm, backend,
                granularity, value);
    }

    private static void requireNonNull(String name, Object value, String allowed) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null; allowed: " + allowed);
        }
    }
}
