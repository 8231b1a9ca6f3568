package io.sage4j.cuda;

import java.util.Arrays;

/**
 * Times device work with CUDA events: warm-up launches first (module loading and clocks settle), then
 * each repeat is bracketed by its own pair of events; the median is the figure, min and max show spread.
 */
public final class KernelTimer {
    /** Milliseconds per repeat: median, minimum, maximum, and how many repeats. */
    public record Timing(double medianMs, double minMs, double maxMs, int repeats) {
        /** GB/s for {@code bytes} moved per repeat, at the median time. */
        public double gigabytesPerSecond(long bytes) {
            return bytes / (medianMs * 1e-3) / 1e9;
        }
    }

    private KernelTimer() {}

    /** Runs {@code work} (which only enqueues on {@code stream}) {@code warmup} times, then times {@code repeats} runs. */
    public static Timing time(Runnable work, int warmup, int repeats, CudaStream stream) {
        if (repeats <= 0 || warmup < 0) {
            throw new IllegalArgumentException("repeats must be > 0 and warmup >= 0, got " + repeats + ", " + warmup);
        }
        for (int i = 0; i < warmup; i++) {
            work.run();
        }
        stream.synchronize();
        double[] ms = new double[repeats];
        try (CudaEvent start = CudaEvent.create(); CudaEvent stop = CudaEvent.create()) {
            for (int i = 0; i < repeats; i++) {
                start.record(stream);
                work.run();
                stop.record(stream);
                ms[i] = stop.millisSince(start);
            }
        }
        Arrays.sort(ms);
        double median = repeats % 2 == 1 ? ms[repeats / 2] : (ms[repeats / 2 - 1] + ms[repeats / 2]) / 2;
        return new Timing(median, ms[0], ms[repeats - 1], repeats);
    }

    /**
     * The card's device-to-device copy bandwidth, counting bytes read plus bytes written, over two
     * buffers of {@code bytes} each: the ceiling a memory-bound kernel is compared with.
     */
    public static Timing copy(long bytes, int warmup, int repeats) {
        try (DeviceBuffer a = DeviceBuffer.allocate(bytes); DeviceBuffer b = DeviceBuffer.allocate(bytes)) {
            a.fill((byte) 1);
            return time(() -> CudaDriver.check(org.bytedeco.cuda.global.cudart.cuMemcpyDtoD(b.address(), a.address(), bytes),
                    "cuMemcpyDtoD"), warmup, repeats, CudaStream.DEFAULT);
        }
    }
}
