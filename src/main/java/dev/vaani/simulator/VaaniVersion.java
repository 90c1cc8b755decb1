package dev.vaani.simulator;

import picocli.CommandLine.IVersionProvider;

/** The version the build wrote into the jar's manifest, for {@code --version} of every command. */
public final class VaaniVersion implements IVersionProvider {

    /** "Vaani 0.1.0", or "Vaani (development build)" when run from classes rather than the built jar. */
    public static String text() {
        String version = VaaniVersion.class.getPackage().getImplementationVersion();
        return "Vaani " + (version != null ? version : "(development build)");
    }

    @Override
    public String[] getVersion() {
        return new String[] {text()};
    }
}
