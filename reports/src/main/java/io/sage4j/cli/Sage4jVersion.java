package io.sage4j.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code sage4j --version}: the jar's Implementation-Version, and the JVM it runs on. */
public final class Sage4jVersion implements IVersionProvider {
    /** Version reported when the classes do not come from the packaged jar (IDE, tests). */
    static final String FALLBACK = "0.1.0-SNAPSHOT";

    /** This build's version. */
    public static String version() {
        String v = Sage4j.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? FALLBACK : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "sage4j " + version(),
            "JVM: " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + " "
                    + System.getProperty("java.vm.name") + ")",
            "OS: " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                    + Runtime.getRuntime().availableProcessors() + " processors"
        };
    }
}
