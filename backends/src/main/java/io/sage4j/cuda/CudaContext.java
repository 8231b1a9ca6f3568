package io.sage4j.cuda;

import org.bytedeco.cuda.cudart.CUctx_st;
import org.bytedeco.cuda.global.cudart;

/**
 * The primary context of one device, made current on the calling thread. The primary context is shared
 * with the CUDA runtime API, so buffers made here can be handed to runtime-API libraries.
 */
public final class CudaContext implements AutoCloseable {
    private final CudaDevice device;
    private final CUctx_st context;
    private boolean closed;

    private CudaContext(CudaDevice device, CUctx_st context) {
        this.device = device;
        this.context = context;
    }

    /** Retains device {@code ordinal}'s primary context and makes it current. */
    public static CudaContext open(int ordinal) {
        CudaDevice device = CudaDevice.get(ordinal);
        int[] handle = new int[1];
        CudaDriver.check(cudart.cuDeviceGet(handle, ordinal), "cuDeviceGet(" + ordinal + ")");
        CUctx_st context = new CUctx_st();
        CudaDriver.check(cudart.cuDevicePrimaryCtxRetain(context, handle[0]), "cuDevicePrimaryCtxRetain");
        CudaDriver.check(cudart.cuCtxSetCurrent(context), "cuCtxSetCurrent");
        return new CudaContext(device, context);
    }

    /** Makes this context current on the calling thread (needed on threads other than the opener). */
    public void makeCurrent() {
        CudaDriver.check(cudart.cuCtxSetCurrent(context), "cuCtxSetCurrent");
    }

    public CudaDevice device() {
        return device;
    }

    /** Waits for all work of the context. */
    public void synchronize() {
        CudaDriver.check(cudart.cuCtxSynchronize(), "cuCtxSynchronize");
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            CudaDriver.check(cudart.cuDevicePrimaryCtxRelease(device.ordinal()), "cuDevicePrimaryCtxRelease");
        }
    }
}
