package io.sage4j.cuda;

import static org.bytedeco.cuda.global.cudart.CUDA_SUCCESS;

import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.BytePointer;

/**
 * Entry to the CUDA driver API through JavaCPP. The first touch of the JavaCPP CUDA classes loads
 * {@code libcuda.so.1}; on a machine without a driver that throws from a class initialiser, so
 * {@link #availability()} probes once, catches everything, and remembers why CUDA is unusable. Nothing
 * else in sage4j touches {@code cudart} before that probe said yes.
 */
public final class CudaDriver {
    /** Whether CUDA can be used here, and if not, why. */
    public record Availability(boolean available, String reason, int deviceCount, int driverVersion) {}

    private static volatile Availability availability;

    private CudaDriver() {}

    /** Probes the driver once: library loads, {@code cuInit} succeeds, at least one device. */
    public static Availability availability() {
        Availability a = availability;
        if (a == null) {
            synchronized (CudaDriver.class) {
                a = availability;
                if (a == null) {
                    a = probe();
                    availability = a;
                }
            }
        }
        return a;
    }

    /** True when {@link #availability()} found a usable driver and device. */
    public static boolean isAvailable() {
        return availability().available();
    }

    private static Availability probe() {
        try {
            int status = cudart.cuInit(0);
            if (status != CUDA_SUCCESS) {
                return new Availability(false, "cuInit failed: " + errorName(status) + ": " + errorString(status), 0, 0);
            }
            int[] count = new int[1];
            check(cudart.cuDeviceGetCount(count), "cuDeviceGetCount");
            int[] version = new int[1];
            check(cudart.cuDriverGetVersion(version), "cuDriverGetVersion");
            if (count[0] == 0) {
                return new Availability(false, "the CUDA driver reports no device", 0, version[0]);
            }
            return new Availability(true, "CUDA driver " + version[0] / 1000 + "." + version[0] % 1000 / 10
                    + ", " + count[0] + " device(s)", count[0], version[0]);
        } catch (Throwable t) {  // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError
            Throwable root = t;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            int jni = message.indexOf(".so: ");  // "<JavaCPP cache path>/libjnicudart.so: libcuda.so.1: cannot open ..."
            return new Availability(false, "no CUDA driver: " + (jni >= 0 ? message.substring(jni + 5) : message), 0, 0);
        }
    }

    /** Throws a {@link CudaException} naming {@code call} unless {@code status} is CUDA_SUCCESS. */
    public static void check(int status, String call) {
        if (status != CUDA_SUCCESS) {
            throw new CudaException(call, status, errorName(status), errorString(status));
        }
    }

    static String errorName(int status) {
        try (BytePointer p = new BytePointer((BytePointer) null)) {
            org.bytedeco.javacpp.PointerPointer<BytePointer> out = new org.bytedeco.javacpp.PointerPointer<>(1);
            return cudart.cuGetErrorName(status, out) == CUDA_SUCCESS ? out.getString(0) : "CUDA error " + status;
        }
    }

    static String errorString(int status) {
        org.bytedeco.javacpp.PointerPointer<BytePointer> out = new org.bytedeco.javacpp.PointerPointer<>(1);
        return cudart.cuGetErrorString(status, out) == CUDA_SUCCESS ? out.getString(0) : "unknown error";
    }
}
