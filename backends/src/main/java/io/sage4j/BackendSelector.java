package io.sage4j;

import io.sage4j.spi.AttentionBackend;
import io.sage4j.spi.Availability;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Picks the backend of a validated call: the one named in the options (which must exist, be available and cover
 * the call), or, for {@value SageAttentionOptions#AUTOMATIC}, the first of {@link Backends#all()} (highest
 * priority) that is available and covers it. Every refusal is an {@link IllegalArgumentException} that says why.
 */
final class BackendSelector {
    private BackendSelector() {}

    /**
     * @param requested   the backend option
     * @param unsupported the call's first unsupported option for a backend, or empty
     */
    static AttentionBackend select(String requested, Function<AttentionBackend, Optional<String>> unsupported) {
        List<AttentionBackend> all = Backends.all();
        if (!requested.equals(SageAttentionOptions.AUTOMATIC)) {
            AttentionBackend backend = Backends.find(requested).orElseThrow(() -> new IllegalArgumentException(
                    "backend '" + requested + "' is unknown; registered: " + Backends.names() + " or \""
                            + SageAttentionOptions.AUTOMATIC + "\""));
            Availability availability = backend.availability();
            if (!availability.available()) {
                throw new IllegalArgumentException("backend '" + requested + "' is not available here: "
                        + availability.reason() + "; available: " + availableNames(all));
            }
            unsupported.apply(backend).ifPresent(reason -> {
                throw new IllegalArgumentException("backend '" + requested + "' " + reason);
            });
            return backend;
        }
        List<String> refusals = new ArrayList<>();
        for (AttentionBackend backend : all) {
            Availability availability = backend.availability();
            if (!availability.available()) {
                refusals.add(backend.name() + ": unavailable (" + availability.reason() + ")");
                continue;
            }
            Optional<String> reason = unsupported.apply(backend);
            if (reason.isEmpty()) {
                return backend;
            }
            refusals.add(backend.name() + ": " + reason.get());
        }
        throw new IllegalArgumentException("no registered backend can run this call (backend=\""
                + SageAttentionOptions.AUTOMATIC + "\"): " + String.join("; ", refusals));
    }

    private static List<String> availableNames(List<AttentionBackend> all) {
        return all.stream().filter(b -> b.availability().available()).map(AttentionBackend::name).toList();
    }
}
