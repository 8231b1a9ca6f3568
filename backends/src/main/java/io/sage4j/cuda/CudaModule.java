package io.sage4j.cuda;

import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/** A module loaded from fatbin (or cubin) bytes into the current context; unloaded by {@link #close()}. */
public final class CudaModule implements AutoCloseable {
    private final CUmod_st module;
    private final String name;
    private boolean closed;

    private CudaModule(CUmod_st module, String name) {
        this.module = module;
        this.name = name;
    }

    /** Loads {@code image}; the driver picks the SASS for the current device or JIT-compiles the PTX. */
    public static CudaModule load(byte[] image, String name) {
        CUmod_st module = new CUmod_st();
        try (BytePointer bytes = new BytePointer(image.length + 1L)) {
            bytes.put(image).put(image.length, (byte) 0);  // NUL-terminated in case the image is PTX
            CudaDriver.check(cudart.cuModuleLoadData(module, bytes), "cuModuleLoadData(" + name + ")");
        }
        return new CudaModule(module, name);
    }

    /** The {@code extern "C"} kernel {@code kernelName}. */
    public Kernel kernel(String kernelName) {
        CUfunc_st f = new CUfunc_st();
        CudaDriver.check(cudart.cuModuleGetFunction(f, module, kernelName), "cuModuleGetFunction(" + name + ", " + kernelName + ")");
        return new Kernel(f, name + "::" + kernelName);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            CudaDriver.check(cudart.cuModuleUnload(module), "cuModuleUnload(" + name + ")");
        }
    }

    /** A kernel of a loaded module. */
    public static final class Kernel {
        private final CUfunc_st function;
        private final String name;

        Kernel(CUfunc_st function, String name) {
            this.function = function;
            this.name = name;
        }

        /** Launches on {@code stream}; launch errors are reported here, execution errors at the next sync. */
        public void launch(int gridX, int gridY, int gridZ, int blockX, int sharedBytes, CudaStream stream, KernelArgs args) {
            if (gridX <= 0 || gridY <= 0 || gridZ <= 0 || blockX <= 0) {
                throw new IllegalArgumentException("launch of " + name + ": grid (" + gridX + "," + gridY + "," + gridZ
                        + ") and block " + blockX + " must be positive");
            }
            try (PointerPointer<Pointer> params = args.toPointerPointer()) {
                CudaDriver.check(cudart.cuLaunchKernel(function, gridX, gridY, gridZ, blockX, 1, 1, sharedBytes,
                        stream.handle(), params, (PointerPointer<?>) null), "cuLaunchKernel(" + name + ")");
            }
        }

        public String name() {
            return name;
        }

        /** Allows up to {@code bytes} of dynamic shared memory per CTA (needed above 48 KiB). */
        public void allowDynamicSharedMemory(int bytes) {
            CudaDriver.check(cudart.cuFuncSetAttribute(function,
                    cudart.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, bytes), "cuFuncSetAttribute(" + name + ", " + bytes + ")");
        }
    }
}
