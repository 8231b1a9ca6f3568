package io.sage4j.accuracy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How large a workload's tensors are. Every workload has one shape per profile, and the gate one set of
 * thresholds per profile (error metrics depend on the sequence length, so thresholds do not carry over).
 */
public enum SizeProfile {
    /** Small shapes for the normal test run ({@code ./run-tests}): the whole gate in seconds. */
    CI,
    /** The sizes (N = 4096, D = 128 for the headline workloads): {@code sage4j accuracy}'s default. */
    FULL;

    /** The lower-case name used on the command line and in the thresholds file: {@code ci}, {@code full}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The profile called {@code name} ({@code ci} or {@code full}, any case). */
    public static SizeProfile byName(String name) {
        if (name != null) {
            for (SizeProfile p : values()) {
                if (p.cliName().equalsIgnoreCase(name.strip())) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("size profile must be one of " + validNames() + ", got " + name);
    }

    /** The valid names, comma-separated. */
    public static String validNames() {
        return Arrays.stream(values()).map(SizeProfile::cliName).collect(Collectors.joining(", "));
    }
}
