package io.github.cyclegan.cli;

import picocli.CommandLine.IVersionProvider;

/** The version comes from the jar manifest, which Maven fills from the POM. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = CycleganCli.class.getPackage().getImplementationVersion();
        return new String[] {"cyclegan " + (version == null ? "(development build)" : version)};
    }
}
