package io.sage4j.report;

import io.sage4j.cli.JsonWriter;
import io.sage4j.report.Model.Source;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code report-data.json}: the figures of a report, written beside {@code index.html}, read back as the
 * {@code --baseline} of a later report.
 */
public final class ReportData {
    /** Format version of the document; readers reject versions they do not know. */
    public static final int FORMAT = 1;

    private ReportData() {}

    /** The document for these figures. */
    public static String render(List<Figure> figures, List<Source> sources, ReportEnvironment env,
                                double minSpread) {
        JsonWriter w = new JsonWriter().beginObject()
                .member("tool", InputReader.TOOL_REPORT)
                .member("format", FORMAT)
                .member("version", env.sage4jVersion())
                .member("generated", env.generated().toString())
                .member("commit", env.commit())
                .member("java.version", env.javaVersion())
                .member("minSpread", minSpread);
        w.name("inputs").beginArray();
        for (Source s : sources) {
            w.beginObject().member("file", s.path().getFileName().toString()).member("kind", s.kind().name())
                    .member("device", s.device())
                    .member("timestamp", s.timestamp() == null ? null : s.timestamp().toString());
            w.name("environment").beginObject();
            for (Map.Entry<String, String> e : s.environment().entrySet()) {
                w.member(e.getKey(), e.getValue());
            }
            w.endObject().endObject();
        }
        w.endArray();
        w.name("figures").beginArray();
        for (Figure f : figures) {
            w.beginObject().member("key", f.key()).member("section", f.section()).member("device", f.device())
                    .member("label", f.label()).member("unit", f.unit()).member("value", f.value())
                    .member("low", f.low()).member("high", f.high()).member("higherIsBetter", f.higherIsBetter())
                    .member("gated", f.gated()).member("exact", f.exact()).member("source", f.source()).endObject();
        }
        return w.endArray().endObject().toJson();
    }

    /** A baseline read from a {@code report-data.json}. */
    public record Baseline(Path file, String commit, Instant generated, List<Figure> figures) {}

    /** Reads a baseline, with errors that name the file and say what was expected. */
    public static Baseline read(Path file) throws InputException {
        Object doc = InputReader.parseFile(file);
        String expected = "expected the report-data.json that sage4j report writes beside index.html (a JSON object "
                + "whose \"tool\" is \"" + InputReader.TOOL_REPORT + "\")";
        if (InputReader.recognise(doc) != Model.Kind.REPORT_DATA) {
            Model.Kind kind = InputReader.recognise(doc);
            throw new InputException(file, "not a report's data: " + expected + "; found "
                    + (kind == null ? "JSON the report does not know" : "a " + kind.description()));
        }
        JsonObject o = JsonObject.of(file, "document", doc);
        if (o.has("format") && o.integer("format") > FORMAT) {
            throw new InputException(file, "written by a newer sage4j (report data format " + o.integer("format")
                    + "; this one reads format " + FORMAT + ")");
        }
        Instant generated = null;
        try {
            generated = o.has("generated") ? Instant.parse(o.str("generated")) : null;
        } catch (java.time.format.DateTimeParseException e) {
            // Left unknown.
        }
        List<Figure> figures = new ArrayList<>();
        for (JsonObject f : o.objects("figures")) {
            figures.add(new Figure(f.str("key"), f.optStr("section", ""), f.optStr("device", ""),
                    f.optStr("label", f.str("key")), f.optStr("unit", ""), f.has("value") ? f.num("value") : Double.NaN,
                    f.optNum("low"), f.optNum("high"), f.bool("higherIsBetter"), f.bool("gated"),
                    f.has("exact") && f.bool("exact"), f.optStr("source", "")));
        }
        return new Baseline(file, o.optStr("commit", "unknown"), generated, List.copyOf(figures));
    }
}
