package io.sage4j.cuda;

/** A CUDA driver call that failed: names the call, the error code's name and NVIDIA's message. */
public final class CudaException extends RuntimeException {
    private final int status;

    public CudaException(String call, int status, String errorName, String errorMessage) {
        super(call + " failed: " + errorName + " (" + status + "): " + errorMessage);
        this.status = status;
    }

    /** The {@code CUresult} code. */
    public int status() {
        return status;
    }
}
