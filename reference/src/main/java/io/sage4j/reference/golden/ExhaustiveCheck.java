package io.sage4j.reference.golden;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;

/**
 * Runs one conversion over a range of float32 bit patterns (all 2^32 by default) on every core and
 * compares each output code with an oracle.
 */
public final class ExhaustiveCheck {
    /** Inputs per unit of work: small enough to balance across cores, large enough to amortise the oracle. */
    static final int CHUNK = 1 << 16;
    /** How many mismatching inputs a result keeps as examples. */
    static final int MAX_EXAMPLES = 8;

    /** A conversion to check: its name, the implementation, the oracle, and the input range. */
    public record Subject(String name, IntUnaryOperator implementation, ConversionOracle oracle,
                          long firstPattern, long endPattern) {
        public Subject {
            if (firstPattern < 0 || endPattern > 1L << 32 || firstPattern >= endPattern
                    || firstPattern % CHUNK != 0 || endPattern % CHUNK != 0) {
                throw new IllegalArgumentException("pattern range [" + Long.toHexString(firstPattern) + ", "
                        + Long.toHexString(endPattern) + ") must be a non-empty part of [0, 2^32) on a "
                        + CHUNK + "-pattern boundary");
            }
        }

        /** All 2^32 float32 bit patterns. */
        public static Subject allPatterns(String name, IntUnaryOperator implementation, ConversionOracle oracle) {
            return new Subject(name, implementation, oracle, 0, 1L << 32);
        }

        /** Number of inputs checked. */
        public long inputs() {
            return endPattern - firstPattern;
        }
    }

    /** One mismatch: the input bits, what the implementation gave, what the oracle expects. */
    public record Mismatch(int floatBits, int actual, int expected) {
        @Override
        public String toString() {
            return String.format("0x%08x (%s): got 0x%x, expected 0x%x", floatBits,
                    Float.intBitsToFloat(floatBits), actual, expected);
        }
    }

    /** Outcome of a check. */
    public record Result(String name, String oracle, long inputs, long mismatches, List<Mismatch> examples,
                         long nanos) {
        public boolean passed() {
            return mismatches == 0;
        }
    }

    private ExhaustiveCheck() {}

    /**
     * Checks every input of the subject's range.
     *
     * @param progress receives the number of inputs finished since the last call (may be called from any thread)
     */
    public static Result run(Subject subject, LongConsumer progress) {
        long started = System.nanoTime();
        int chunks = (int) (subject.inputs() / CHUNK);
        AtomicLong mismatches = new AtomicLong();
        List<Mismatch> examples = Collections.synchronizedList(new ArrayList<>());
        ThreadLocal<int[]> buffers = ThreadLocal.withInitial(() -> new int[CHUNK]);
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            long first = subject.firstPattern() + (long) chunk * CHUNK;
            int[] expected = buffers.get();
            subject.oracle().expected(first, expected);
            long bad = compare(subject.implementation(), first, expected, examples);
            if (bad != 0) {
                mismatches.addAndGet(bad);
            }
            progress.accept(CHUNK);
        });
        List<Mismatch> sorted = new ArrayList<>(examples);
        sorted.sort((a, b) -> Integer.compareUnsigned(a.floatBits(), b.floatBits()));
        return new Result(subject.name(), subject.oracle().describe(), subject.inputs(), mismatches.get(),
                List.copyOf(sorted.subList(0, Math.min(MAX_EXAMPLES, sorted.size()))), System.nanoTime() - started);
    }

    private static long compare(IntUnaryOperator implementation, long first, int[] expected, List<Mismatch> examples) {
        long bad = 0;
        int base = (int) first;
        for (int i = 0; i < expected.length; i++) {
            int actual = implementation.applyAsInt(base + i);
            if (actual != expected[i]) {
                bad++;
                if (examples.size() < MAX_EXAMPLES * 4) {
                    examples.add(new Mismatch(base + i, actual, expected[i]));
                }
            }
        }
        return bad;
    }
}
