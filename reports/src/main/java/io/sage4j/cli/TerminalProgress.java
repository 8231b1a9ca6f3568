package io.sage4j.cli;

import java.io.Console;
import java.util.Locale;
import java.util.Set;

/** Whether to draw a live progress bar: forced by a flag or by {@code SAGE4J_PROGRESS}, else only on a terminal. */
final class TerminalProgress {
    /** Environment variable that forces the live progress bar on ({@code 1}, {@code true}, {@code always}). */
    static final String ENV = "SAGE4J_PROGRESS";

    private TerminalProgress() {}

    static boolean live(boolean forced) {
        String env = System.getenv(ENV);
        if (forced || (env != null && Set.of("1", "true", "yes", "always").contains(env.strip().toLowerCase(Locale.ROOT)))) {
            return true;
        }
        // Since JDK 22 System.console() is non-null even when redirected: ask whether it is a terminal.
        Console console = System.console();
        return console != null && console.isTerminal();
    }
}
