package io.sage4j.accuracy;

import java.util.List;

/**
 * Whether measured results order as a {@link PaperAblation} says.
 *
 * @param ablation  the ablation
 * @param steps     the results of its variants, worse to better as the paper found
 * @param reversals each metric that fails to improve between neighbouring steps; empty when the order holds
 */
public record AblationVerdict(PaperAblation ablation, List<AccuracyResult> steps, List<String> reversals) {
    public AblationVerdict {
        steps = List.copyOf(steps);
        reversals = List.copyOf(reversals);
    }

    /** Whether every metric improves at every step. */
    public boolean ordered() {
        return reversals.isEmpty();
    }
}
