package io.sage4j.cuda;

import static org.bytedeco.cuda.global.cudart.CU_EVENT_DEFAULT;

import org.bytedeco.cuda.cudart.CUevent_st;
import org.bytedeco.cuda.global.cudart;

/** A CUDA event for timing device work. */
public final class CudaEvent implements AutoCloseable {
    private final CUevent_st handle;
    private boolean closed;

    private CudaEvent(CUevent_st handle) {
        this.handle = handle;
    }

    public static CudaEvent create() {
        CUevent_st e = new CUevent_st();
        CudaDriver.check(cudart.cuEventCreate(e, CU_EVENT_DEFAULT), "cuEventCreate");
        return new CudaEvent(e);
    }

    /** Records the event on {@code stream}. */
    public void record(CudaStream stream) {
        CudaDriver.check(cudart.cuEventRecord(handle, stream.handle()), "cuEventRecord");
    }

    /** Milliseconds between {@code start} and this event, waiting for this event first. */
    public float millisSince(CudaEvent start) {
        CudaDriver.check(cudart.cuEventSynchronize(handle), "cuEventSynchronize");
        float[] ms = new float[1];
        CudaDriver.check(cudart.cuEventElapsedTime(ms, start.handle, handle), "cuEventElapsedTime");
        return ms[0];
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            CudaDriver.check(cudart.cuEventDestroy(handle), "cuEventDestroy");
        }
    }
}
