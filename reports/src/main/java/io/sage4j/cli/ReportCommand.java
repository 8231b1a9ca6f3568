package io.sage4j.cli;

import io.sage4j.report.Figure;
import io.sage4j.report.InputException;
import io.sage4j.report.InputReader;
import io.sage4j.report.InputReader.Inputs;
import io.sage4j.report.ReportData;
import io.sage4j.report.ReportEnvironment;
import io.sage4j.report.ReportGenerator;
import io.sage4j.report.Regressions.Regression;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sage4j report}: HTML, plots and a Markdown summary from the JSON of bench, verify and accuracy runs. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = Sage4jVersion.class,
        description = {
            "Make a report from the JSON results of sage4j bench, bench-quantizers, verify, verify-formats and "
                    + "accuracy, and of perf/peers/sdpa_peers.py. It writes into --out:",
            "  index.html        the report, self-contained (plots embedded), works offline",
            "  summary.md        a Markdown summary for pull requests",
            "  plots/            every plot as PNG and SVG",
            "  report-data.json  the figures, for a later --baseline",
            "  data/             a copy of every input",
            "%nFigures are grouped by card and never mixed across cards. With --baseline, every figure that fell "
                    + "by more than its run-to-run spread is marked; --fail-on-regression then exits 1."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the report was written (and, with --fail-on-regression, no figure fell)",
            "1:a figure fell and --fail-on-regression was given, or the report could not be written",
            "2:usage error, or an input that is not a readable result file"})
public final class ReportCommand implements Callable<Integer> {
    /** Where results are looked for when no --in is given, relative to the working directory or the checkout. */
    static final Path DEFAULT_INPUT = Path.of("perf", "results", "gpu");

    @Spec
    CommandSpec spec;

    @Option(names = "--in", paramLabel = "PATH", arity = "1..*",
            description = "Result directories (every *.json directly inside; unknown JSON there is skipped with a "
                    + "note) or result files (must be known kinds). Repeatable. Default: perf/results/gpu of this "
                    + "checkout.")
    List<Path> in = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "report",
            description = "Report directory, created if missing (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "The report-data.json of an earlier report: mark every figure that fell by more than its "
                    + "run-to-run spread.")
    Path baseline;

    @Option(names = "--fail-on-regression",
            description = "Exit 1 when a figure fell against --baseline (for CI).")
    boolean failOnRegression;

    @Option(names = "--min-spread", paramLabel = "PERCENT", defaultValue = "2",
            description = "Smallest fall of a measured figure that counts as a regression, in percent, when the "
                    + "runs' own spread is smaller (default: ${DEFAULT-VALUE}).")
    double minSpreadPercent;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (failOnRegression && baseline == null) {
            throw new ParameterException(spec.commandLine(), "--fail-on-regression needs --baseline FILE");
        }
        if (!(minSpreadPercent >= 0 && minSpreadPercent < 100)) {
            throw new ParameterException(spec.commandLine(), "--min-spread must be a percentage from 0 to 100, got "
                    + minSpreadPercent);
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        Path cwd = Path.of("").toAbsolutePath();
        List<Path> inputs = in.isEmpty() ? defaultInputs(cwd) : in;
        if (inputs.isEmpty()) {
            err.println("sage4j report: no results to read: " + DEFAULT_INPUT + " is not under " + cwd
                    + " or its git checkout; pass --in DIR with the JSON of sage4j bench, verify or accuracy runs");
            err.flush();
            return 2;
        }
        Inputs read;
        ReportData.Baseline base = null;
        try {
            read = InputReader.read(inputs);
            if (baseline != null) {
                base = ReportData.read(baseline);
            }
        } catch (InputException e) {
            err.println("sage4j report: " + e.getMessage());
            err.flush();
            return 2;
        }
        for (String note : read.notes()) {
            err.println("note: " + note);
        }
        if (read.isEmpty()) {
            err.println("sage4j report: none of " + String.join(", ", inputs.stream().map(Path::toString).toList())
                    + " holds a result the report reads; " + readableKinds());
            err.flush();
            return 2;
        }
        List<String> args = spec.commandLine().getParseResult() == null ? List.of()
                : new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        if (!args.isEmpty() && args.getFirst().equals(spec.name())) {
            args.removeFirst();  // the top-level parse result starts with the subcommand's name
        }
        String commandLine = "sage4j report" + args.stream().map(ReportCommand::quote).reduce("", (a, b) -> a + " " + b);
        ReportEnvironment env = ReportEnvironment.detect(Sage4jVersion.version(), cwd);
        ReportGenerator.Result result;
        try {
            result = ReportGenerator.generate(read, new ReportGenerator.Options(this.out, base, minSpreadPercent / 100,
                    env, commandLine));
        } catch (IOException e) {
            err.println("sage4j report: cannot write the report to " + this.out.toAbsolutePath().normalize() + ": "
                    + e.getMessage());
            err.flush();
            return 1;
        }
        long gated = result.figures().stream().filter(Figure::gated).count();
        out.printf(Locale.ROOT, "report written to %s (%d plots, %d figures from %d result files)%n",
                result.index().toAbsolutePath().normalize(), result.plots().size(), gated, read.sources().size());
        out.println("summary for pull requests: " + result.summary().toAbsolutePath().normalize());
        out.println("figures for a later --baseline: " + result.data().toAbsolutePath().normalize());
        int code = 0;
        if (result.comparison() != null) {
            var c = result.comparison();
            if (c.regressed()) {
                out.printf(Locale.ROOT, "%d of %d figures FELL against %s:%n", c.regressions().size(), c.compared(),
                        baseline);
                for (Regression r : c.regressions()) {
                    Figure f = r.current();
                    out.printf(Locale.ROOT, "  %s — %s: %s -> %s %s (%.1f %% worse, allowed %.1f %%)%n", f.device(),
                            f.label(), num(r.baseline()), num(f), f.unit(), r.change() * 100, r.tolerance() * 100);
                }
                code = failOnRegression ? 1 : 0;
            } else {
                out.printf(Locale.ROOT, "no figure fell against %s (%d compared, %d improved)%n", baseline,
                        c.compared(), c.improved());
            }
        }
        out.flush();
        err.flush();
        return code;
    }

    private static String num(Figure f) {
        return f.exact() ? (f.value() == 1 ? "yes" : "no") : String.format(Locale.ROOT, "%.4g", f.value());
    }

    private static String readableKinds() {
        return "the report reads the JSON of sage4j bench --json, bench-quantizers --json, verify --json, "
                + "verify-formats --json, accuracy --json and perf/peers/sdpa_peers.py";
    }

    /** perf/results/gpu under the working directory, else under the root of its git checkout; empty if neither. */
    static List<Path> defaultInputs(Path cwd) {
        Path here = cwd.resolve(DEFAULT_INPUT);
        if (Files.isDirectory(here)) {
            return List.of(cwd.relativize(here));
        }
        String top = gitTopLevel(cwd);
        if (top != null) {
            Path there = Path.of(top).resolve(DEFAULT_INPUT);
            if (Files.isDirectory(there)) {
                return List.of(there);
            }
        }
        return List.of();
    }

    private static String gitTopLevel(Path cwd) {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--show-toplevel").directory(cwd.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String s = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 && !s.isEmpty() ? s : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String quote(String arg) {
        return arg.matches("[A-Za-z0-9_./=:,@%+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
