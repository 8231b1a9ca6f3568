package io.sage4j;

import io.sage4j.spi.AttentionBackend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The registered attention backends ({@link ServiceLoader} over {@link AttentionBackend}), highest priority
 * first. Loaded once. A provider that fails to load is listed as an unavailable backend named after its class,
 * with the error as the reason, so one broken jar never hides the others.
 */
public final class Backends {
    private static volatile List<AttentionBackend> all;

    private Backends() {}

    /** Every registered backend, available or not, by descending priority then name. */
    public static List<AttentionBackend> all() {
        List<AttentionBackend> backends = all;
        if (backends == null) {
            synchronized (Backends.class) {
                backends = all;
                if (backends == null) {
                    backends = load();
                    all = backends;
                }
            }
        }
        return backends;
    }

    /** The backend called {@code name}. */
    public static Optional<AttentionBackend> find(String name) {
        return all().stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** Names of every registered backend, in {@link #all()} order. */
    public static List<String> names() {
        return all().stream().map(AttentionBackend::name).toList();
    }

    private static List<AttentionBackend> load() {
        List<AttentionBackend> loaded = new ArrayList<>();
        ServiceLoader<AttentionBackend> loader = ServiceLoader.load(AttentionBackend.class, Backends.class.getClassLoader());
        for (ServiceLoader.Provider<AttentionBackend> provider : loader.stream().toList()) {
            try {
                loaded.add(provider.get());
            } catch (ServiceConfigurationError | LinkageError e) {
                loaded.add(new UnloadableBackend(provider.type().getName(), e));
            }
        }
        loaded.sort(Comparator.comparingInt(AttentionBackend::priority).reversed().thenComparing(AttentionBackend::name));
        return List.copyOf(loaded);
    }
}
