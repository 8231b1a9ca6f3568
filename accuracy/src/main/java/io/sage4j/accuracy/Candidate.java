package io.sage4j.accuracy;

import io.sage4j.reference.attention.AttentionAlgorithm;

/**
 * An algorithm under test and the name its results (and gate thresholds) go by. Usually one of
 * {@link AccuracyAlgorithm}; a test may pair a standard name with a perturbed algorithm to show that the gate
 * notices.
 */
public record Candidate(String name, AttentionAlgorithm algorithm) {
    public Candidate {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, got " + (name == null ? "null" : "'" + name + "'"));
        }
        if (algorithm == null) {
            throw new IllegalArgumentException("algorithm must not be null (candidate " + name + ")");
        }
    }
}
