package io.sage4j.cli;

import io.sage4j.reference.golden.ExhaustiveCheck;
import io.sage4j.reference.golden.ExhaustiveCheck.Result;
import io.sage4j.reference.golden.ExhaustiveCheck.Subject;
import io.sage4j.reference.golden.FormatChecks;
import io.sage4j.reference.golden.GoldenMap;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sage4j verify-formats}: every float32 conversion of sage4j, exhaustively, against its oracle. */
@Command(name = "verify-formats",
        mixinStandardHelpOptions = true,
        versionProvider = Sage4jVersion.class,
        description = {
            "Check every float32 conversion of sage4j, on every input, against its oracle.",
            "%nChecks sage4j's float32 conversions on every input against an oracle: the nine conversions of the golden "
                    + "map measured from NVIDIA's intrinsics on all 2^32 float32 bit patterns, then UE4M3 (2^31), "
                    + "INT8, FP16 and BF16 against independent oracles.",
            "%nPrints the golden map's provenance, a progress line per conversion on stderr (a live bar on a terminal), "
                    + "and a table of results on stdout."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every conversion matches its oracle",
            "1:a conversion mismatches, or the run failed",
            "2:usage error"})
public final class VerifyFormatsCommand implements Callable<Integer> {
    /** Environment variable that forces the live progress bar on ({@code 1}, {@code true}, {@code always}). */
    public static final String PROGRESS_ENV = TerminalProgress.ENV;

    @Spec
    CommandSpec spec;

    @Option(names = "--golden", paramLabel = "FILE",
            description = "Golden conversion map to check against (default: the one bundled in the jar, "
                    + GoldenMap.RESOURCE + ").")
    Path golden;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write the results as JSON to FILE (written whole or not at all; parent directories "
                    + "are created).")
    Path json;

    @Option(names = "--only", paramLabel = "NAME", split = ",",
            description = "Check only these conversions (comma-separated; run in catalogue order). "
                    + "Names are those of the table's conversion column, e.g. e2m1_satfinite_rn or bf16_rn; "
                    + "an unknown name lists them all.")
    List<String> only;

    @Option(names = "--no-progress", description = "Print no progress on stderr, neither the bar nor the per-conversion lines.")
    boolean noProgress;

    @Option(names = "--progress",
            description = "Draw the live progress bar even when stderr is not a terminal (also: " + PROGRESS_ENV + "=1).")
    boolean forceProgress;

    private enum ProgressMode { NONE, LINES, BAR }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (noProgress && forceProgress) {
            throw new ParameterException(spec.commandLine(), "--progress and --no-progress are mutually exclusive");
        }

        GoldenMap map;
        String goldenKind;
        String goldenLocation;
        if (golden == null) {
            map = GoldenMap.bundled();
            goldenKind = "bundled";
            goldenLocation = "classpath:" + GoldenMap.RESOURCE;
        } else {
            goldenKind = "file";
            goldenLocation = golden.toAbsolutePath().normalize().toString();
            try {
                map = GoldenMap.read(golden);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(),
                        "cannot read golden map " + goldenLocation + ": " + describe(e), e);
            }
        }
        List<Subject> subjects;
        try {
            subjects = select(FormatChecks.all(map));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "golden map " + goldenLocation + ": " + e.getMessage(), e);
        }
        if (json != null) {
            try {  // fail before hours of work, not after
                AtomicFiles.prepareParent(json);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot write --json " + json + ": " + describe(e), e);
            }
        }

        Instant startedAt = Instant.now();
        out.println("golden map: " + goldenLocation);
        map.header().forEach(out::println);
        out.println();
        out.flush();

        ProgressMode mode = progressMode();
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < subjects.size(); i++) {
            Subject subject = subjects.get(i);
            Result result;
            try (LiveProgress progress = new LiveProgress(err, i + 1, subjects.size(), subject.name(),
                    subject.inputs(), mode == ProgressMode.BAR)) {
                result = ExhaustiveCheck.run(subject, progress);
            }
            if (mode != ProgressMode.NONE) {
                err.println(ProgressBar.finished(i + 1, subjects.size(), result.name(), result.inputs(),
                        result.mismatches(), result.nanos()));
                err.flush();
            }
            results.add(result);
        }
        if (mode != ProgressMode.NONE) {
            err.println();  // sets the progress lines off from the table when both streams share a screen
            err.flush();
        }

        out.print(ResultTable.format(results));
        out.println();
        out.print(ResultTable.summary(results));
        if (json != null) {
            try {
                AtomicFiles.writeString(json, JsonReport.render(goldenKind, goldenLocation, map.header(), results,
                        startedAt));
            } catch (IOException e) {
                out.flush();
                err.println("sage4j: cannot write " + json + ": " + describe(e));
                err.flush();
                return 1;
            }
            out.println("results written to " + json.toAbsolutePath().normalize());
        }
        out.flush();
        return results.stream().allMatch(Result::passed) ? 0 : 1;
    }

    /** The subjects named by {@code --only}, in catalogue order; all of them without it. */
    private List<Subject> select(List<Subject> all) {
        if (only == null || only.isEmpty()) {
            return all;
        }
        List<String> valid = all.stream().map(Subject::name).toList();
        Set<String> wanted = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String name : only) {
            String n = name.strip();
            if (n.isEmpty()) {
                continue;
            }
            if (valid.contains(n)) {
                wanted.add(n);
            } else {
                unknown.add(n);
            }
        }
        if (!unknown.isEmpty() || wanted.isEmpty()) {
            throw new ParameterException(spec.commandLine(), (unknown.isEmpty()
                    ? "--only names no conversion"
                    : "unknown conversion" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown)
                            + " for --only")
                    + "; valid names: " + String.join(", ", valid));
        }
        return all.stream().filter(s -> wanted.contains(s.name())).toList();
    }

    private ProgressMode progressMode() {
        if (noProgress) {
            return ProgressMode.NONE;
        }
        return TerminalProgress.live(forceProgress) ? ProgressMode.BAR : ProgressMode.LINES;
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
