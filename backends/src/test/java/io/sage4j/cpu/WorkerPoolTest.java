package io.sage4j.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The tile scheduler: every task once, scratch per thread released, failures rethrown, nesting safe. */
class WorkerPoolTest {
    @Test
    void runsEveryTaskOnceAndReleasesEveryScratch() {
        AtomicIntegerArray runs = new AtomicIntegerArray(1000);
        AtomicInteger created = new AtomicInteger();
        ConcurrentHashMap<Object, Boolean> released = new ConcurrentHashMap<>();
        WorkerPool.run(1000, () -> {
            created.incrementAndGet();
            return new Object();
        }, (i, scratch) -> runs.incrementAndGet(i), scratch -> released.put(scratch, true));
        for (int i = 0; i < 1000; i++) {
            assertEquals(1, runs.get(i), "task " + i);
        }
        long deadline = System.nanoTime() + 5_000_000_000L;  // helpers release after the caller resumes
        while (released.size() < created.get() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(created.get(), released.size());
    }

    @Test
    void aFailingTaskFailsTheCall() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WorkerPool.run(50, () -> null,
                (i, s) -> {
                    if (i == 17) {
                        throw new IllegalStateException("task 17");
                    }
                }));
        assertEquals("task 17", e.getMessage());
    }

    @Test
    void nestedCallsComplete() {
        AtomicInteger inner = new AtomicInteger();
        WorkerPool.run(8, () -> null, (i, s) -> WorkerPool.run(8, () -> null, (j, t) -> inner.incrementAndGet()));
        assertEquals(64, inner.get());
    }
}
