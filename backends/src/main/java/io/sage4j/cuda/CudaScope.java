package io.sage4j.cuda;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Owns CUDA resources and frees them all, newest first, when closed — also when an exception is thrown
 * half-way through building them, so nothing leaks. A failure while freeing one resource does not stop
 * the others from being freed; the first one is rethrown with the rest suppressed.
 */
public final class CudaScope implements AutoCloseable {
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    /** Registers {@code resource} to be closed with the scope, and returns it. */
    public <T extends AutoCloseable> T add(T resource) {
        resources.push(resource);
        return resource;
    }

    /** A device buffer of {@code bytes} bytes owned by this scope. */
    public DeviceBuffer allocate(long bytes) {
        return add(DeviceBuffer.allocate(bytes));
    }

    /** A device copy of {@code data} owned by this scope. */
    public DeviceBuffer copyOf(float[] data) {
        return add(DeviceBuffer.of(data));
    }

    /** A device copy of {@code data} owned by this scope. */
    public DeviceBuffer copyOf(byte[] data) {
        return add(DeviceBuffer.of(data));
    }

    /** A device copy of {@code data} owned by this scope. */
    public DeviceBuffer copyOf(int[] data) {
        return add(DeviceBuffer.of(data));
    }

    @Override
    public void close() {
        RuntimeException first = null;
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                RuntimeException r = e instanceof RuntimeException re ? re : new RuntimeException(e);
                if (first == null) {
                    first = r;
                } else {
                    first.addSuppressed(r);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
