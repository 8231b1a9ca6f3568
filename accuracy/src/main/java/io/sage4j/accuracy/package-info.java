/**
 * The accuracy gate (issue 3, items 6–9): seeded {@link io.sage4j.accuracy.Workload workloads}, the
 * {@link io.sage4j.accuracy.AccuracyAlgorithm algorithms} and ablation variants measured on them against exact
 * float64 attention ({@link io.sage4j.accuracy.Measurement}, in parallel by {@link io.sage4j.accuracy.Evaluator}),
 * the checked-in per-profile thresholds ({@link io.sage4j.accuracy.GateThresholds}, derived by
 * {@link io.sage4j.accuracy.ThresholdDerivation} under {@link io.sage4j.accuracy.ThresholdRule}), the papers' ablation
 * orders ({@link io.sage4j.accuracy.PaperAblation}) and the run that combines them
 * ({@link io.sage4j.accuracy.AccuracyGate}, printed by {@link io.sage4j.accuracy.GateTable}).
 * {@code sage4j accuracy} is the command line; {@code accuracy/PUBLISHED.md} compares with the papers.
 */
package io.sage4j.accuracy;
