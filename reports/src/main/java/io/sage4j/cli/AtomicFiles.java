package io.sage4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes files so that readers see either the old content or the whole new content, never a part. */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** The file's absolute parent directory, created with its ancestors if missing. */
    public static Path prepareParent(Path file) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new IOException(target + " is a directory");
        }
        Path dir = target.getParent();
        Files.createDirectories(dir);
        return dir;
    }

    /** Writes {@code text} as UTF-8 to a temporary file beside {@code file}, then moves it into place. */
    public static void writeString(Path file, String text) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        Path dir = prepareParent(target);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
