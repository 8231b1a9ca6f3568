package io.sage4j.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sage4j.Algorithm;
import io.sage4j.HostTensor;
import io.sage4j.SageAttention;
import io.sage4j.SageAttentionOptions;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The tile loop allocates nothing: the bytes a warm cpu-vector call allocates (calling thread and pool threads)
 * grow with the operands (∝ N), not with the tiles (∝ N²). From N = 512 to N = 2048 the tiles grow 16× and the
 * operands 4×; allocation per tile, even a few bytes, would push the ratio towards 16.
 */
class TileLoopAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void allocationGrowsWithTheOperandsNotWithTheTiles(Algorithm algorithm) {
        long small = allocatedPerCall(algorithm, 512);
        long large = allocatedPerCall(algorithm, 2048);
        double ratio = (double) large / small;
        System.out.printf("%s: %,d bytes per call at N=512, %,d at N=2048 (ratio %.2f)%n", algorithm, small, large,
                ratio);
        assertTrue(ratio < 6, algorithm + " allocates per tile: ratio " + ratio);
    }

    private static long allocatedPerCall(Algorithm algorithm, int tokens) {
        SplittableRandom random = new SplittableRandom(tokens);
        float[] values = new float[tokens * 64];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        HostTensor x = HostTensor.of(values, 1, 1, tokens, 64);
        SageAttentionOptions options = SageAttentionOptions.defaults().withAlgorithm(algorithm).withBackend("cpu-vector");
        for (int warm = 0; warm < 15; warm++) {
            SageAttention.sageattn(x, x, x, options);
        }
        long[] ids = Thread.getAllStackTraces().keySet().stream()  // after the warm-up: the pool's threads exist
                .filter(t -> t == Thread.currentThread() || t.getName().equals("sage4j-cpu-vector"))
                .mapToLong(Thread::threadId).toArray();
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 3; rep++) {
            long before = allocated(ids);
            SageAttention.sageattn(x, x, x, options);
            best = Math.min(best, allocated(ids) - before);
        }
        return best;
    }

    /** Bytes allocated so far by these threads. */
    private static long allocated(long[] ids) {
        return Arrays.stream(THREADS.getThreadAllocatedBytes(ids)).filter(b -> b > 0).sum();
    }
}
