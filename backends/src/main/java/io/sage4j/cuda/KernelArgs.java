package io.sage4j.cuda;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Kernel parameters in declaration order. {@code cuLaunchKernel} takes an array whose i-th entry points at
 * host memory holding argument i, so each argument gets its own small native cell, freed by {@link #close()}.
 */
public final class KernelArgs implements AutoCloseable {
    private final List<Pointer> cells = new ArrayList<>();

    /** A device pointer argument. */
    public KernelArgs pointer(DeviceBuffer buffer) {
        return address(buffer.address());
    }

    /** A raw device address argument (0 for a null pointer). */
    public KernelArgs address(long deviceAddress) {
        cells.add(new LongPointer(1).put(deviceAddress));
        return this;
    }

    /** A 32-bit int argument. */
    public KernelArgs i32(int value) {
        cells.add(new IntPointer(1).put(value));
        return this;
    }

    /** A 64-bit int argument. */
    public KernelArgs i64(long value) {
        cells.add(new LongPointer(1).put(value));
        return this;
    }

    /** A float argument. */
    public KernelArgs f32(float value) {
        cells.add(new FloatPointer(1).put(value));
        return this;
    }

    PointerPointer<Pointer> toPointerPointer() {
        return new PointerPointer<>(cells.toArray(new Pointer[0]));
    }

    @Override
    public void close() {
        for (Pointer p : cells) {
            p.close();
        }
        cells.clear();
    }
}
