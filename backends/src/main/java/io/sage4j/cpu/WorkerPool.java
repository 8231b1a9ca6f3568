package io.sage4j.cpu;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Spreads independent tasks over every core: the calling thread plus {@code cores − 1} daemon helpers take task
 * indices from one counter (so uneven tasks, like causal tiles, balance themselves). Each participating thread
 * creates its scratch once per call, so task bodies allocate nothing. The caller waits only for tasks, never for
 * helpers that have not started: nested or concurrent calls cannot deadlock.
 */
final class WorkerPool {
    private WorkerPool() {}

    /** Threads that run a call's tasks, the caller included. */
    static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private static final ExecutorService HELPERS = THREADS == 1 ? null
            : Executors.newFixedThreadPool(THREADS - 1, runnable -> {
                Thread t = new Thread(runnable, "sage4j-cpu-vector");
                t.setDaemon(true);
                return t;
            });

    /** The body of one task, given the thread's scratch. */
    @FunctionalInterface
    interface Task<S> {
        void run(int index, S scratch);
    }

    /** Runs {@code task} for every index in [0, tasks) and returns when all are done; rethrows the first failure. */
    static <S> void run(int tasks, Supplier<S> scratch, Task<S> task) {
        run(tasks, scratch, task, s -> { });
    }

    /** As {@link #run(int, Supplier, Task)}, handing each thread's scratch to {@code release} when it is done. */
    static <S> void run(int tasks, Supplier<S> scratch, Task<S> task, java.util.function.Consumer<S> release) {
        if (tasks <= 0) {
            return;
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(tasks);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            S s = null;
            try {
                for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                    try {
                        if (failure.get() == null) {
                            if (s == null) {
                                s = scratch.get();
                            }
                            task.run(i, s);
                        }
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    } finally {
                        done.countDown();
                    }
                }
            } finally {
                if (s != null) {
                    release.accept(s);
                }
            }
        };
        int helpers = Math.min(THREADS, tasks) - 1;
        for (int h = 0; h < helpers; h++) {
            HELPERS.execute(worker);
        }
        worker.run();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for attention tiles", e);
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }
}
