package io.sage4j.accuracy;

import io.sage4j.reference.attention.ErrorSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;

/**
 * Measures candidates on one workload instance in parallel: the exact reference and every candidate run as
 * separate tasks on a fixed pool (the reference algorithms are single-threaded), each candidate's output is
 * compared with the reference as soon as both exist, and nothing but the metrics is kept.
 */
public final class Evaluator implements AutoCloseable {
    private final ExecutorService pool;
    private final int threads;

    /** An evaluator running at most {@code threads} tasks at a time. */
    public Evaluator(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("sage4j-accuracy-", 1)
                .factory());
    }

    /** Tasks run at a time. */
    public int threads() {
        return threads;
    }

    /**
     * Every candidate's ungated result on {@code data}, in candidate order. {@code progress} receives
     * {@link WorkloadData#scoreMacs()} when the reference and when each candidate finishes (from pool threads), so
     * a workload's total is {@code (candidates + 1) · scoreMacs}.
     */
    public List<AccuracyResult> evaluate(WorkloadData data, SizeProfile profile, List<Candidate> candidates,
                                         LongConsumer progress) {
        if (data == null || profile == null || candidates == null || progress == null) {
            throw new IllegalArgumentException("data, profile, candidates and progress must not be null");
        }
        long work = data.scoreMacs();
        WorkloadInfo info = WorkloadInfo.of(data);
        // Submitted first: with a FIFO queue the reference always starts before any candidate waits for it.
        CompletableFuture<double[]> exact = CompletableFuture.supplyAsync(() -> {
            double[] out = Measurement.exactOutput(data);
            progress.accept(work);
            return out;
        }, pool);
        List<CompletableFuture<AccuracyResult>> runs = new ArrayList<>();
        for (Candidate c : candidates) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                long start = System.nanoTime();
                float[] output = Measurement.candidateOutput(data, c.algorithm());
                long nanos = System.nanoTime() - start;
                ErrorSummary summary = Measurement.compare(data, exact.join(), output);
                progress.accept(work);
                return new AccuracyResult(c.name(), info, profile, summary, null, null, nanos);
            }, pool));
        }
        List<AccuracyResult> results = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            try {
                results.add(runs.get(i).join());
            } catch (CompletionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new IllegalStateException(candidates.get(i).name() + " on " + data.workload() + " failed: "
                        + cause, cause);
            }
        }
        return results;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
