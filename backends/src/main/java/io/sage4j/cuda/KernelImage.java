package io.sage4j.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * A fatbin that the Maven build compiled with nvcc and packed into a module's jar under
 * {@code /cuda/<module>/<name>.fatbin}, with {@code build-info.properties} beside it (nvcc version,
 * targets, flags). A build without nvcc has no fatbins: the backend is then unavailable with the reason
 * "no kernels built".
 */
public final class KernelImage {
    private KernelImage() {}

    /** The fatbin bytes of {@code /cuda/<module>/<name>.fatbin}, if the build made them. */
    public static Optional<byte[]> find(Class<?> anchor, String module, String name) {
        try (InputStream in = anchor.getResourceAsStream("/cuda/" + module + "/" + name + ".fatbin")) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The build-info properties of a module's fatbins (empty when none were built). */
    public static Properties buildInfo(Class<?> anchor, String module) {
        Properties p = new Properties();
        try (InputStream in = anchor.getResourceAsStream("/cuda/" + module + "/build-info.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
