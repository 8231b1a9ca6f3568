package io.sage4j.cuda;

import static org.bytedeco.cuda.global.cudart.CU_STREAM_NON_BLOCKING;

import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.global.cudart;

/** A non-blocking CUDA stream; {@link #DEFAULT} is the legacy default stream. */
public final class CudaStream implements AutoCloseable {
    /** The default stream (null handle); closing it does nothing. */
    public static final CudaStream DEFAULT = new CudaStream(null);

    private final CUstream_st handle;
    private boolean closed;

    private CudaStream(CUstream_st handle) {
        this.handle = handle;
    }

    /** Creates a stream that does not synchronise with the default stream. */
    public static CudaStream create() {
        CUstream_st s = new CUstream_st();
        CudaDriver.check(cudart.cuStreamCreate(s, CU_STREAM_NON_BLOCKING), "cuStreamCreate");
        return new CudaStream(s);
    }

    CUstream_st handle() {
        return handle;
    }

    /** Waits for the stream's work. */
    public void synchronize() {
        CudaDriver.check(cudart.cuStreamSynchronize(handle), "cuStreamSynchronize");
    }

    @Override
    public void close() {
        if (handle != null && !closed) {
            closed = true;
            CudaDriver.check(cudart.cuStreamDestroy(handle), "cuStreamDestroy");
        }
    }
}
