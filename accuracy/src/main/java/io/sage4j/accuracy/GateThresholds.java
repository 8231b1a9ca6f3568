package io.sage4j.accuracy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The checked-in gate entries of one {@link SizeProfile}: {@code accuracy-gate-<profile>.properties} in this
 * package's resources, written by {@link ThresholdDerivation} (its header states the rule). Each (algorithm,
 * workload) has either the three thresholds {@code <algorithm>.<workload>.minCosSim|maxRelL1|maxRmse}, or — when
 * the derivation saw no finite output to derive them from — {@code <algorithm>.<workload>.knownFailure = reason}: a
 * strict expected failure, which passes the gate only while the output stays non-finite.
 */
public final class GateThresholds {
    private static final List<String> NUMBERS = List.of("minCosSim", "maxRelL1", "maxRmse");
    private static final String KNOWN_FAILURE = "knownFailure";

    private final String source;
    private final Map<String, Thresholds> byPair;
    private final Map<String, String> knownFailures;

    private GateThresholds(String source, Map<String, Thresholds> byPair, Map<String, String> knownFailures) {
        this.source = source;
        this.byPair = byPair;
        this.knownFailures = knownFailures;
    }

    /** Resource name of a profile's thresholds, relative to this class. */
    public static String resourceName(SizeProfile profile) {
        return "accuracy-gate-" + profile.cliName() + ".properties";
    }

    /** The thresholds shipped for {@code profile}. */
    public static GateThresholds bundled(SizeProfile profile) {
        if (profile == null) {
            throw new IllegalArgumentException("profile must be one of " + SizeProfile.validNames() + ", got null");
        }
        String name = resourceName(profile);
        try (InputStream in = GateThresholds.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the classpath");
            }
            return parse("classpath:io/sage4j/accuracy/" + name, new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /** Entries from properties text; {@code source} names it in messages. */
    public static GateThresholds parse(String source, String text) {
        return parse(source, new StringReader(text));
    }

    private static GateThresholds parse(String source, Reader reader) {
        Properties props = new Properties();
        try {
            props.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not a valid properties file: " + e.getMessage(), e);
        }
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, String> knownFailures = new LinkedHashMap<>();
        TreeSet<String> pairs = new TreeSet<>();
        for (String key : props.stringPropertyNames()) {
            int dot = key.lastIndexOf('.');
            String field = dot < 0 ? "" : key.substring(dot + 1);
            String raw = props.getProperty(key).strip();
            if (dot > 0 && field.equals(KNOWN_FAILURE)) {
                if (raw.isEmpty()) {
                    throw new IllegalArgumentException(source + ": " + key + " must give a reason");
                }
                knownFailures.put(key.substring(0, dot), raw);
                continue;
            }
            if (dot <= 0 || !NUMBERS.contains(field)) {
                throw new IllegalArgumentException(source + ": key '" + key + "' must be <algorithm>.<workload>."
                        + String.join("|", NUMBERS) + "|" + KNOWN_FAILURE);
            }
            try {
                values.put(key, Double.parseDouble(raw));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + ": " + key + " = '" + raw + "' is not a number", e);
            }
            pairs.add(key.substring(0, dot));
        }
        Map<String, Thresholds> byPair = new LinkedHashMap<>();
        for (String pair : pairs) {
            if (knownFailures.containsKey(pair)) {
                throw new IllegalArgumentException(source + ": " + pair + " has both thresholds and "
                        + pair + "." + KNOWN_FAILURE + "; give one or the other");
            }
            for (String field : NUMBERS) {
                if (!values.containsKey(pair + "." + field)) {
                    throw new IllegalArgumentException(source + ": " + pair + " lacks " + pair + "." + field);
                }
            }
            try {
                byPair.put(pair, new Thresholds(values.get(pair + ".minCosSim"), values.get(pair + ".maxRelL1"),
                        values.get(pair + ".maxRmse")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": " + pair + ": " + e.getMessage(), e);
            }
        }
        return new GateThresholds(source, byPair, knownFailures);
    }

    /** Where these entries came from. */
    public String source() {
        return source;
    }

    /** Whether (algorithm, workload) has an entry: thresholds or a known failure. */
    public boolean has(String algorithm, String workload) {
        String pair = algorithm + "." + workload;
        return byPair.containsKey(pair) || knownFailures.containsKey(pair);
    }

    /** Throws, naming both and the source, unless (algorithm, workload) has an entry. */
    public void require(String algorithm, String workload) {
        if (!has(algorithm, workload)) {
            throw new IllegalArgumentException("no gate thresholds for algorithm " + algorithm + " on workload "
                    + workload + " in " + source + " (regenerate it with ThresholdDerivation)");
        }
    }

    /** The thresholds of (algorithm, workload), if it has thresholds (not a known failure). */
    public Optional<Thresholds> thresholds(String algorithm, String workload) {
        return Optional.ofNullable(byPair.get(algorithm + "." + workload));
    }

    /** The reason (algorithm, workload) is a known failure, if it is one. */
    public Optional<String> knownFailure(String algorithm, String workload) {
        return Optional.ofNullable(knownFailures.get(algorithm + "." + workload));
    }

    /** The thresholds of (algorithm, workload); a pair without thresholds is an error naming it and the source. */
    public Thresholds get(String algorithm, String workload) {
        require(algorithm, workload);
        return thresholds(algorithm, workload).orElseThrow(() -> new IllegalArgumentException("algorithm "
                + algorithm + " on workload " + workload + " is a known failure in " + source + ", without thresholds: "
                + knownFailures.get(algorithm + "." + workload)));
    }

    /** Number of (algorithm, workload) pairs with an entry. */
    public int size() {
        return byPair.size() + knownFailures.size();
    }
}
