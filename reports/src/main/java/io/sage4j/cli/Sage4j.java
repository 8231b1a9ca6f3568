package io.sage4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code sage4j} command: entry point of the executable jar. */
@Command(name = "sage4j",
        mixinStandardHelpOptions = true,
        versionProvider = Sage4jVersion.class,
        description = "SageAttention-style quantized attention for the JVM, verification first.",
        subcommands = {VerifyFormatsCommand.class, BackendsCommand.class, VerifyCommand.class,
            BenchQuantizersCommand.class, BenchCommand.class, AccuracyCommand.class, ReportCommand.class,
            CommandLine.HelpCommand.class})
public final class Sage4j implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Sage4j()).execute(args));
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
