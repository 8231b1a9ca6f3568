package io.sage4j.report;

import java.nio.file.Path;

/** A result file the report cannot use: unreadable, not JSON, or not a kind it knows. The message names the file. */
public final class InputException extends Exception {
    private final Path file;

    public InputException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public InputException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
