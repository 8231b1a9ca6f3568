package io.sage4j.report;

import io.sage4j.report.Model.AccuracyRow;
import io.sage4j.report.Model.AccuracyRun;
import io.sage4j.report.Model.Ablation;
import io.sage4j.report.Model.AttentionCheck;
import io.sage4j.report.Model.AttentionRow;
import io.sage4j.report.Model.ConversionCheck;
import io.sage4j.report.Model.Kind;
import io.sage4j.report.Model.QuantizerCheck;
import io.sage4j.report.Model.QuantizerRow;
import io.sage4j.report.Model.QuantizerRun;
import io.sage4j.report.Model.Source;
import io.sage4j.report.Model.VerifyRun;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the result files of sage4j's commands (and of the peers script) from files and directories.
 *
 * <p>A directory contributes every {@code *.json} directly inside it (not its subdirectories), in name order;
 * JSON it does not recognise there is skipped with a note, since result directories also hold other things. A file
 * named on its own must be recognised. Anything that is not readable JSON is an error either way: a truncated
 * result file should stop the report, not silently vanish from it.
 */
public final class InputReader {
    /** The tools whose JSON documents (objects with a {@code tool} member) the report reads. */
    static final String TOOL_BENCH_QUANTIZERS = "sage4j bench-quantizers";
    static final String TOOL_VERIFY = "sage4j verify";
    static final String TOOL_VERIFY_FORMATS = "sage4j verify-formats";
    static final String TOOL_ACCURACY = "sage4j accuracy";
    static final String TOOL_REPORT = "sage4j report";

    /** sage4j's own backend names: lower-case words joined by hyphens ({@code int8-cuda}, {@code cpu-vector}). */
    private static final Pattern SAGE4J_BACKEND = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    static final String EXPECTED = "expected one of: a JSON array of attention benchmark rows (members backend, "
            + "device, headDim, seqLen, causal, kind, medianMs, tops: sage4j bench --json or perf/peers/sdpa_peers.py), "
            + "or a JSON object whose \"tool\" is \"" + TOOL_BENCH_QUANTIZERS + "\", \"" + TOOL_VERIFY + "\", \""
            + TOOL_VERIFY_FORMATS + "\", \"" + TOOL_ACCURACY + "\" or \"" + TOOL_REPORT + "\"";

    /** Everything read, plus notes on what was skipped and why. */
    public record Inputs(List<Source> sources, List<AttentionRow> attention, List<QuantizerRun> quantizerRuns,
                         List<VerifyRun> verifyRuns, List<AccuracyRun> accuracyRuns, List<String> notes) {
        public boolean isEmpty() {
            return attention.isEmpty() && quantizerRuns.isEmpty() && verifyRuns.isEmpty() && accuracyRuns.isEmpty();
        }
    }

    private final List<Source> sources = new ArrayList<>();
    private final List<AttentionRow> attention = new ArrayList<>();
    private final List<QuantizerRun> quantizerRuns = new ArrayList<>();
    private final List<VerifyRun> verifyRuns = new ArrayList<>();
    private final List<AccuracyRun> accuracyRuns = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private InputReader() {}

    /** Reads every given file and every {@code *.json} in every given directory. */
    public static Inputs read(List<Path> paths) throws InputException {
        InputReader r = new InputReader();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> files;
                try (Stream<Path> s = Files.list(p)) {
                    files = s.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                            .filter(f -> !f.getFileName().toString().startsWith("."))
                            .filter(Files::isRegularFile)
                            .sorted()
                            .toList();
                } catch (IOException e) {
                    throw new InputException(p, "cannot list the directory: " + describe(e), e);
                }
                if (files.isEmpty()) {
                    r.notes.add(p + ": no *.json files in this directory");
                }
                for (Path f : files) {
                    r.readFile(f, false);
                }
            } else if (Files.exists(p)) {
                r.readFile(p, true);
            } else {
                throw new InputException(p, "no such file or directory");
            }
        }
        return new Inputs(List.copyOf(r.sources), List.copyOf(r.attention), List.copyOf(r.quantizerRuns),
                List.copyOf(r.verifyRuns), List.copyOf(r.accuracyRuns), List.copyOf(r.notes));
    }

    /** Parses one file as JSON, with errors that name the file and say what was expected. */
    static Object parseFile(Path file) throws InputException {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new InputException(file, "no such file", e);
        } catch (CharacterCodingException e) {
            throw new InputException(file, "not UTF-8 text, so not a JSON result file; " + EXPECTED, e);
        } catch (IOException e) {
            throw new InputException(file, "cannot read: " + describe(e), e);
        }
        try {
            return Json.parse(text);
        } catch (Json.ParseException e) {
            throw new InputException(file, "not valid JSON (" + e.getMessage() + "); a result file of sage4j "
                    + "bench, bench-quantizers, verify, verify-formats or accuracy was expected (a run that was "
                    + "cut off leaves a truncated file: run it again)", e);
        }
    }

    private void readFile(Path file, boolean named) throws InputException {
        Object doc = parseFile(file);
        Kind kind = recognise(doc);
        if (kind == null) {
            String found = foundDescription(doc);
            if (named) {
                throw new InputException(file, "not a result file the report knows: " + EXPECTED + "; found "
                        + found);
            }
            notes.add(file + ": skipped, not a result file the report knows (found " + found + ")");
            return;
        }
        switch (kind) {
            case ATTENTION_BENCH -> readAttention(file, doc);
            case QUANTIZER_BENCH -> readQuantizers(file, doc);
            case VERIFY, VERIFY_FORMATS -> readVerify(file, doc, kind);
            case ACCURACY -> readAccuracy(file, doc);
            case REPORT_DATA -> {
                if (named) {
                    throw new InputException(file, "this is a report's own data (tool \"" + TOOL_REPORT + "\"); "
                            + "pass it with --baseline to compare against it, not with --in");
                }
                notes.add(file + ": skipped, the data of an earlier report (use it with --baseline)");
            }
            case JMH -> notes.add(file + ": skipped, JMH results are not read by the report yet "
                    + "(CPU benchmark numbers reach it through sage4j bench --json)");
        }
    }

    /** The kind of a parsed document, or null. */
    static Kind recognise(Object doc) {
        if (doc instanceof List<?> list) {
            if (list.isEmpty() || !(list.getFirst() instanceof Map<?, ?> first)) {
                return null;
            }
            if (first.containsKey("backend") && first.containsKey("seqLen")) {
                return Kind.ATTENTION_BENCH;
            }
            if (first.containsKey("benchmark") && first.containsKey("primaryMetric")) {
                return Kind.JMH;
            }
            return null;
        }
        if (doc instanceof Map<?, ?> map && map.get("tool") instanceof String tool) {
            return switch (tool) {
                case TOOL_BENCH_QUANTIZERS -> Kind.QUANTIZER_BENCH;
                case TOOL_VERIFY -> Kind.VERIFY;
                case TOOL_VERIFY_FORMATS -> Kind.VERIFY_FORMATS;
                case TOOL_ACCURACY -> Kind.ACCURACY;
                case TOOL_REPORT -> Kind.REPORT_DATA;
                default -> null;
            };
        }
        return null;
    }

    private static String foundDescription(Object doc) {
        if (doc instanceof Map<?, ?> map) {
            Object tool = map.get("tool");
            if (tool instanceof String t) {
                return "an object whose \"tool\" is \"" + t + "\"";
            }
            List<String> names = map.keySet().stream().map(Object::toString).limit(6).toList();
            return "an object without a \"tool\" member" + (names.isEmpty() ? "" : " (members " + String.join(", ",
                    names) + (map.size() > 6 ? ", …" : "") + ")");
        }
        if (doc instanceof List<?> list) {
            if (list.isEmpty()) {
                return "an empty array";
            }
            if (list.getFirst() instanceof Map<?, ?> first) {
                List<String> names = first.keySet().stream().map(Object::toString).limit(6).toList();
                return "an array of objects with members " + String.join(", ", names) + (first.size() > 6 ? ", …" : "");
            }
            return "an array of " + JsonObject.describe(list.getFirst()).replaceFirst("^the |^an? ", "") + "s";
        }
        return JsonObject.describe(doc);
    }

    private Source source(Path file, Kind kind, JsonObject env, String device) throws InputException {
        String name = file.getFileName().toString();
        String label = name.toLowerCase(Locale.ROOT).endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        Instant timestamp = null;
        if (env != null && env.has("timestamp") && env.raw("timestamp") instanceof String ts) {
            try {
                timestamp = Instant.parse(ts);
            } catch (DateTimeParseException e) {
                notes.add(file + ": timestamp \"" + ts + "\" is not an ISO-8601 instant; the run's time is unknown");
            }
        }
        Source s = new Source(file, label, kind, device, timestamp, environment(env));
        sources.add(s);
        return s;
    }

    /** The environment members a result records, under display names, in a fixed order. */
    static Map<String, String> environment(JsonObject o) {
        Map<String, String> env = new LinkedHashMap<>();
        if (o == null) {
            return env;
        }
        put(env, "driver", o, "driver", "driverVersion", "driver.version", "nvidiaDriver");
        put(env, "CUDA", o, "cuda", "cudaVersion", "cuda.version", "cudaRuntime");
        put(env, "Java", o, "java.version", "javaVersion", "jdk");
        put(env, "PyTorch", o, "torch", "torchVersion", "torch.version");  // the peers script's environment
        put(env, "cuDNN", o, "cudnn", "cudnnVersion", "cudnn.version");
        put(env, "flash-attn", o, "flashAttn", "flash_attn", "flashAttnVersion");
        put(env, "commit", o, "commit", "gitCommit", "git.commit");
        put(env, "sage4j", o, "version");
        String os = o.scalarText("os.name");
        if (os != null) {
            String arch = o.scalarText("os.arch");
            env.put("OS", arch == null ? os : os + " " + arch);
        }
        put(env, "CPU", o, "cpu", "cpuModel");
        put(env, "CPUs", o, "availableProcessors");
        return env;
    }

    private static void put(Map<String, String> env, String label, JsonObject o, String... names) {
        for (String n : names) {
            String v = o.scalarText(n);
            if (v != null && !v.isBlank()) {
                env.put(label, v);
                return;
            }
        }
    }

    private void readAttention(Path file, Object doc) throws InputException {
        List<?> list = (List<?>) doc;
        JsonObject first = JsonObject.of(file, "row 1", list.getFirst());
        Source src = source(file, Kind.ATTENTION_BENCH, first, first.optStr("device", null));
        for (int i = 0; i < list.size(); i++) {
            JsonObject o = JsonObject.of(file, "row " + (i + 1), list.get(i));
            String backend = o.str("backend");
            boolean peer = o.has("peer") ? o.bool("peer") : !SAGE4J_BACKEND.matcher(backend).matches();
            String kind = o.optStr("kind", "kernel");
            double tops = o.num("tops");
            double median = o.num("medianMs");
            if (!(median > 0) || !(tops >= 0)) {
                throw new InputException(file, o.where() + ": medianMs must be > 0 and tops >= 0, found medianMs="
                        + median + ", tops=" + tops);
            }
            attention.add(new AttentionRow(src, backend, peer, o.str("device"), o.integer("batch"),
                    o.integer("heads"), o.integer("headDim"), o.integer("seqLen"), o.bool("causal"), kind,
                    median, o.optNum("minMs"), o.optNum("maxMs"), tops));
        }
    }

    private void readQuantizers(Path file, Object doc) throws InputException {
        JsonObject o = JsonObject.of(file, "document", doc);
        String device = o.str("device");
        Source src = source(file, Kind.QUANTIZER_BENCH, o, device);
        List<QuantizerRow> rows = new ArrayList<>();
        for (JsonObject q : o.objects("quantizers")) {
            rows.add(new QuantizerRow(q.str("quantizer"), q.optStr("input", ""), q.optLong("bytes", 0),
                    q.num("medianMs"), q.optNum("minMs"), q.optNum("maxMs"), q.num("GBps")));
        }
        if (rows.isEmpty()) {
            throw new InputException(file, "the quantizer benchmark lists no quantizers (member \"quantizers\" is "
                    + "missing or empty)");
        }
        quantizerRuns.add(new QuantizerRun(src, o.str("backend"), device, o.num("copyGBps"),
                o.has("repeats") ? o.integer("repeats") : 0, List.copyOf(rows)));
    }

    private void readVerify(Path file, Object doc, Kind kind) throws InputException {
        JsonObject o = JsonObject.of(file, "document", doc);
        String device = o.optStr("device", null);
        Source src = source(file, kind, o, device);
        List<ConversionCheck> conversions = new ArrayList<>();
        for (JsonObject c : o.objects("conversions")) {
            conversions.add(new ConversionCheck(c.str("name"), c.optStr("oracle", ""), c.longValue("inputs"),
                    c.longValue("mismatches")));
        }
        List<QuantizerCheck> quantizers = new ArrayList<>();
        for (JsonObject q : o.objects("quantizers")) {
            quantizers.add(new QuantizerCheck(q.str("quantizer"), q.optStr("reference", ""), q.longValue("cases"),
                    q.optLong("bytes", 0), q.longValue("mismatches")));
        }
        List<AttentionCheck> checks = new ArrayList<>();
        for (JsonObject a : o.objects("attention")) {
            String shape = "[" + a.scalarText("batch") + "," + a.scalarText("heads") + "," + a.scalarText("kvHeads")
                    + "," + a.scalarText("tokensQ") + "," + a.scalarText("tokensK") + "," + a.scalarText("headDim") + "]";
            checks.add(new AttentionCheck(a.optStr("workload", ""), shape, a.has("causal") && a.bool("causal"),
                    a.num("cosVsAlgorithm"), a.optNum("relL1VsAlgorithm"), a.optNum("cosKernelVsExact"),
                    a.optNum("cosAlgorithmVsExact"), a.bool("passed")));
        }
        verifyRuns.add(new VerifyRun(src, o.optStr("backend", null), device, o.bool("passed"),
                List.copyOf(conversions), List.copyOf(quantizers), List.copyOf(checks)));
    }

    private void readAccuracy(Path file, Object doc) throws InputException {
        JsonObject o = JsonObject.of(file, "document", doc);
        Source src = source(file, Kind.ACCURACY, o, null);
        List<AccuracyRow> rows = new ArrayList<>();
        for (JsonObject r : o.objects("results")) {
            String shape = "";
            if (r.has("shape") && r.raw("shape") instanceof Map) {
                shape = r.child("shape").optStr("text", "");
            }
            String known = null;
            if (r.has("knownFailure")) {
                Object k = r.raw("knownFailure");
                known = k instanceof Boolean b ? (b ? "known failure" : null) : r.scalarText("knownFailure");
            }
            // Metrics are null where the output was not finite (an expected, "known" failure).
            rows.add(new AccuracyRow(r.str("algorithm"), r.str("workload"), shape, r.optNum("cosSim"), r.optNum("relL1"),
                    r.optNum("rmse"), r.optNum("minCosSim"), r.optNum("maxRelL1"), r.optNum("maxRmse"),
                    r.optStr("status", r.has("pass") && r.bool("pass") ? "pass" : "fail"),
                    r.has("pass") ? r.bool("pass") : "pass".equals(r.optStr("status", "")), known));
        }
        List<Ablation> ablations = new ArrayList<>();
        for (JsonObject a : o.objects("ablations")) {
            List<String> algorithms = new ArrayList<>();
            List<Double> cos = new ArrayList<>();
            List<Double> rel = new ArrayList<>();
            for (JsonObject step : a.objects("worseToBetter")) {
                algorithms.add(step.str("algorithm"));
                cos.add(step.optNum("cosSim"));
                rel.add(step.optNum("relL1"));
            }
            ablations.add(new Ablation(a.str("title"), a.optStr("paper", ""), a.optStr("workload", ""),
                    List.copyOf(algorithms), List.copyOf(cos), List.copyOf(rel), a.bool("ordered")));
        }
        accuracyRuns.add(new AccuracyRun(src, o.optStr("profile", ""), o.optLong("seed", 0),
                o.optStr("thresholds", ""), o.bool("passed"), List.copyOf(rows), List.copyOf(ablations)));
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
