package dev.cairn.app.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every command accepts (a picocli mixin). */
final class GlobalOptions {

    @Option(names = {"-r", "--repo"}, paramLabel = "DIR",
            description = "Repository directory (default: $CAIRN_REPOSITORY, the profile's repository, or the default local repository).")
    Path repo;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the passphrase from FILE (default: $CAIRN_PASSWORD_FILE, then $CAIRN_PASSWORD, then a prompt).")
    Path passwordFile;

    @Option(names = {"-p", "--profile"}, paramLabel = "FILE",
            description = "Install profile (default: $CAIRN_PROFILE, else the bundled demo install).")
    Path profile;

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Option(names = "--plugins", paramLabel = "DIR", description = "Directory of plugin jars (default: the distribution's plugins/).")
    Path plugins;

    @Option(names = "--exclude-plugin", paramLabel = "ID", split = ",", description = "Switch off providers by id.")
    java.util.Set<String> excludedPlugins = new java.util.HashSet<>();
}
