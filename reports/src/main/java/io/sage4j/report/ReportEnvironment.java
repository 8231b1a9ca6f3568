package io.sage4j.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where and when a report was made: the sage4j version, the Java that ran it, and the commit of the working tree
 * ({@code git rev-parse --short HEAD}, with a note when the tree has uncommitted changes), when git is there.
 */
public record ReportEnvironment(String sage4jVersion, String javaVersion, String commit, Instant generated) {

    /** The environment of this process, run in {@code workDir}. */
    public static ReportEnvironment detect(String sage4jVersion, Path workDir) {
        String commit = git(workDir, "rev-parse", "--short", "HEAD");
        if (commit == null) {
            commit = "unknown (not a git checkout, or git is missing)";
        } else {
            String status = git(workDir, "status", "--porcelain", "--untracked-files=no");
            if (status != null && !status.isBlank()) {
                commit = commit + " with uncommitted changes";
            }
        }
        return new ReportEnvironment(sage4jVersion, System.getProperty("java.version", "unknown") + " ("
                + System.getProperty("java.vendor", "unknown vendor") + ")", commit, Instant.now());
    }

    /** The trimmed output of a git command, or null when it fails or takes too long. */
    static String git(Path workDir, String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
