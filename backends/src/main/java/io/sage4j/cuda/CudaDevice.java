package io.sage4j.cuda;

import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT;

import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.SizeTPointer;

/** A CUDA device and what sage4j needs to know of it. Only call when {@link CudaDriver#isAvailable()}. */
public record CudaDevice(int ordinal, String name, int major, int minor, int multiprocessors, long totalMemory) {

    /** Queries device {@code ordinal}. */
    public static CudaDevice get(int ordinal) {
        CudaDriver.Availability a = CudaDriver.availability();
        if (!a.available()) {
            throw new IllegalStateException("CUDA is not available: " + a.reason());
        }
        if (ordinal < 0 || ordinal >= a.deviceCount()) {
            throw new IllegalArgumentException("device ordinal must be in [0, " + a.deviceCount() + "), got " + ordinal);
        }
        int[] handle = new int[1];
        CudaDriver.check(cudart.cuDeviceGet(handle, ordinal), "cuDeviceGet(" + ordinal + ")");
        byte[] name = new byte[256];
        CudaDriver.check(cudart.cuDeviceGetName(name, name.length, handle[0]), "cuDeviceGetName");
        int end = 0;
        while (end < name.length && name[end] != 0) {
            end++;
        }
        long memory;
        try (SizeTPointer bytes = new SizeTPointer(1)) {
            CudaDriver.check(cudart.cuDeviceTotalMem(bytes, handle[0]), "cuDeviceTotalMem");
            memory = bytes.get();
        }
        return new CudaDevice(ordinal, new String(name, 0, end, java.nio.charset.StandardCharsets.UTF_8),
                attribute(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, handle[0]),
                attribute(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, handle[0]),
                attribute(CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, handle[0]), memory);
    }

    private static int attribute(int attribute, int device) {
        int[] value = new int[1];
        CudaDriver.check(cudart.cuDeviceGetAttribute(value, attribute, device), "cuDeviceGetAttribute(" + attribute + ")");
        return value[0];
    }

    /** Compute capability as sm_XY, e.g. {@code "sm_90"}. */
    public String smName() {
        return "sm_" + major + minor;
    }

    @Override
    public String toString() {
        return name + " (" + smName() + ", " + multiprocessors + " SMs, " + totalMemory / (1L << 20) + " MiB)";
    }
}
