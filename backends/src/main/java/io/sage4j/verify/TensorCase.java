package io.sage4j.verify;

/**
 * One generated input for a quantizer check: a family name (what the values stress), a seed that
 * regenerates it, the shape {@code [heads][tokens][dim]}, and the values.
 */
public record TensorCase(String family, long seed, int heads, int tokens, int dim, float[] values) {
    @Override
    public String toString() {
        return family + " seed=" + seed + " [" + heads + "][" + tokens + "][" + dim + "]";
    }
}
