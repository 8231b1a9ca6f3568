package io.sage4j.cuda;

import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;

/** Device memory ({@code cuMemAlloc}); freed by {@link #close()}. Copies are synchronous. */
public final class DeviceBuffer implements AutoCloseable {
    private final long address;
    private final long bytes;
    private boolean closed;

    private DeviceBuffer(long address, long bytes) {
        this.address = address;
        this.bytes = bytes;
    }

    /** Allocates {@code bytes} bytes (at least 1, so every buffer has a distinct address). */
    public static DeviceBuffer allocate(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
        }
        long[] address = new long[1];
        CudaDriver.check(cudart.cuMemAlloc(address, Math.max(1, bytes)), "cuMemAlloc(" + bytes + " bytes)");
        return new DeviceBuffer(address[0], bytes);
    }

    /** A buffer holding a copy of {@code data}. */
    public static DeviceBuffer of(float[] data) {
        DeviceBuffer b = allocate(4L * data.length);
        b.copyFrom(data);
        return b;
    }

    /** A buffer holding a copy of {@code data}. */
    public static DeviceBuffer of(byte[] data) {
        DeviceBuffer b = allocate(data.length);
        b.copyFrom(data);
        return b;
    }

    /** A buffer holding a copy of {@code data}. */
    public static DeviceBuffer of(int[] data) {
        DeviceBuffer b = allocate(4L * data.length);
        try (IntPointer host = new IntPointer(data)) {
            CudaDriver.check(cudart.cuMemcpyHtoD(b.address, host, 4L * data.length), "cuMemcpyHtoD");
        }
        return b;
    }

    public long address() {
        return requireOpen();
    }

    public long bytes() {
        return bytes;
    }

    /** Copies {@code data} to the start of the buffer. */
    public void copyFrom(float[] data) {
        checkFits(4L * data.length);
        try (FloatPointer host = new FloatPointer(data)) {
            CudaDriver.check(cudart.cuMemcpyHtoD(requireOpen(), host, 4L * data.length), "cuMemcpyHtoD");
        }
    }

    /** Copies {@code data} to the start of the buffer. */
    public void copyFrom(byte[] data) {
        checkFits(data.length);
        try (BytePointer host = new BytePointer(data)) {
            CudaDriver.check(cudart.cuMemcpyHtoD(requireOpen(), host, data.length), "cuMemcpyHtoD");
        }
    }

    /** The first {@code count} floats of the buffer. */
    public float[] toFloats(int count) {
        checkFits(4L * count);
        float[] out = new float[count];
        try (FloatPointer host = new FloatPointer(count)) {
            CudaDriver.check(cudart.cuMemcpyDtoH(host, requireOpen(), 4L * count), "cuMemcpyDtoH");
            host.get(out);
        }
        return out;
    }

    /** The first {@code count} bytes of the buffer. */
    public byte[] toBytes(int count) {
        checkFits(count);
        byte[] out = new byte[count];
        try (BytePointer host = new BytePointer(count)) {
            CudaDriver.check(cudart.cuMemcpyDtoH(host, requireOpen(), count), "cuMemcpyDtoH");
            host.get(out);
        }
        return out;
    }

    /** The first {@code count} ints of the buffer. */
    public int[] toInts(int count) {
        checkFits(4L * count);
        int[] out = new int[count];
        try (IntPointer host = new IntPointer(count)) {
            CudaDriver.check(cudart.cuMemcpyDtoH(host, requireOpen(), 4L * count), "cuMemcpyDtoH");
            host.get(out);
        }
        return out;
    }

    /** Sets every byte to {@code value} (used to poison outputs so unwritten elements show). */
    public void fill(byte value) {
        CudaDriver.check(cudart.cuMemsetD8(requireOpen(), value, bytes), "cuMemsetD8");
    }

    /** Sets every byte to {@code value}, ordered on {@code stream}. */
    public void fill(byte value, CudaStream stream) {
        CudaDriver.check(cudart.cuMemsetD8Async(requireOpen(), value, bytes, stream.handle()), "cuMemsetD8Async");
    }

    private void checkFits(long n) {
        if (n > bytes) {
            throw new IllegalArgumentException("copy of " + n + " bytes does not fit a buffer of " + bytes + " bytes");
        }
    }

    private long requireOpen() {
        if (closed) {
            throw new IllegalStateException("device buffer already freed");
        }
        return address;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            CudaDriver.check(cudart.cuMemFree(address), "cuMemFree");
        }
    }
}
