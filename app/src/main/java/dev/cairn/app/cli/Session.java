package dev.cairn.app.cli;

import dev.cairn.app.demo.DemoInstall;
import dev.cairn.engine.audit.AuditEntry;
import dev.cairn.engine.audit.AuditEventType;
import dev.cairn.engine.audit.AuditTrail;
import dev.cairn.engine.profile.InstallProfile;
import dev.cairn.engine.profile.ProfileReader;
import dev.cairn.engine.registry.PluginRegistry;
import dev.cairn.engine.registry.RegistryConfig;
import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.engine.repository.RepositoryOptions;
import dev.cairn.framework.CairnException;
import dev.cairn.framework.ConfigView;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one command works with, resolved from options, environment and defaults, opened lazily and
 * closed at the end: the install profile, the plugin registry, the repository.
 */
final class Session implements AutoCloseable {

    private final GlobalOptions options;
    private final PrintWriter err;
    private final CairnPaths paths = CairnPaths.fromEnvironment();
    private InstallProfile profile;
    private PluginRegistry registry;
    private Repository repository;
    private AuditTrail audit;

    Session(GlobalOptions options, PrintWriter err) {
        this.options = options;
        this.err = err;
    }

    GlobalOptions options() {
        return options;
    }

    CairnPaths paths() {
        return paths;
    }

    /** {@return whether the user named a profile (option or environment)} */
    boolean profileNamed() {
        return options.profile != null || System.getenv("CAIRN_PROFILE") != null;
    }

    /** {@return the install profile: --profile, $CAIRN_PROFILE, or the bundled demo install} */
    InstallProfile profile() {
        if (profile == null) {
            Path file = options.profile;
            if (file == null && System.getenv("CAIRN_PROFILE") != null) {
                file = Path.of(System.getenv("CAIRN_PROFILE"));
            }
            if (file == null) {
                file = DemoInstall.ensure(paths.demoInstall(), paths.demoProfile(), note -> info(note));
            }
            profile = ProfileReader.read(file);
        }
        return profile;
    }

    /** {@return the profile's options of each unit, for smoke tests; empty without a profile} */
    Map<String, ConfigView> unitConfigs(boolean useProfile) {
        Map<String, ConfigView> out = new LinkedHashMap<>();
        if (useProfile) {
            profile().units().forEach(u -> out.put(u.id(), ConfigView.of(u.id(), u.options())));
        }
        return out;
    }

    PluginRegistry registry() {
        if (registry == null) {
            Path pluginDir = options.plugins != null ? options.plugins : CairnPaths.pluginDirectory();
            registry = PluginRegistry.load(RegistryConfig.discover(pluginDir).excluding(options.excludedPlugins));
            registry.issues().forEach(i -> info("plugin: " + i));
        }
        return registry;
    }

    /** {@return the repository directory: --repo, $CAIRN_REPOSITORY, the profile's, or the default} */
    Path repositoryPath(boolean consultProfile) {
        if (options.repo != null) {
            return options.repo.toAbsolutePath();
        }
        String env = System.getenv("CAIRN_REPOSITORY");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        if (consultProfile && profile().repository() != null) {
            return profile().repository();
        }
        return paths.defaultRepository();
    }

    boolean isDefaultRepository(Path repo) {
        return repo.equals(paths.defaultRepository());
    }

    /**
     * {@return the open repository}
     *
     * @param consultProfile whether the profile may name the repository
     * @param createDefault  whether to create the default repository if it does not exist yet (the main job)
     */
    Repository repository(boolean consultProfile, boolean createDefault) {
        if (repository == null) {
            Path repo = repositoryPath(consultProfile);
            boolean isDefault = isDefaultRepository(repo);
            if (createDefault && isDefault && !Files.exists(repo.resolve("config"))) {
                char[] pass = Passphrases.find(options.passwordFile, null, null);
                Path kept = paths.defaultPassphraseFile();
                if (pass == null && Files.exists(kept)) {
                    // The repository was removed or moved and its passphrase left behind: never overwrite it (it may
                    // be the only copy for a repository moved elsewhere); the new repository takes the same one.
                    pass = Passphrases.read(kept);
                    info("the default repository is missing: creating it with the passphrase kept in " + kept);
                } else if (pass == null) {
                    pass = Passphrases.generate(kept);
                    info("created a passphrase for the default repository in " + kept + " (mode 0600); keep a copy");
                }
                try (Repository created = Repository.init(repo, RepositoryOptions.encrypted(pass));
                     AuditTrail trail = AuditTrail.open(repo.resolve("audit"), created.auditKey())) {
                    trail.append(AuditEntry.of(AuditEventType.INIT, null, Map.of("encrypted", true, "default_repository", true)));
                }
                info("created the default repository " + repo);
            }
            char[] pass = Passphrases.find(options.passwordFile, isDefault ? paths.defaultPassphraseFile() : null,
                    "passphrase for " + repo + ": ");
            try {
                repository = Repository.open(repo, pass);
                repository.cacheSnapshotsIn(CairnPaths.snapshotCache());
            } catch (RepositoryException e) {
                if (e.kind() == CairnException.Kind.AUTH && pass == null) {
                    throw new RepositoryException(CairnException.Kind.AUTH, "repository " + repo
                            + " is encrypted: give its passphrase with CAIRN_PASSWORD, CAIRN_PASSWORD_FILE or --password-file");
                }
                throw e;
            }
        }
        return repository;
    }

    /** {@return the repository's audit trail (in its {@code audit/} directory), opened on first use} */
    AuditTrail audit() {
        if (audit == null) {
            Repository repo = repository(false, false);
            audit = AuditTrail.open(repo.root().resolve("audit"), repo.auditKey());
        }
        return audit;
    }

    /** Appends an event to the audit trail; a failure to record it is reported, and fails the command. */
    void record(AuditEventType type, String snapshotId, Map<String, ?> summary) {
        audit().append(AuditEntry.of(type, snapshotId, summary));
    }

    void info(String message) {
        if (!options.quiet) {
            err.println(message);
            err.flush();
        }
    }

    @Override
    public void close() {
        if (audit != null) {
            audit.close();
        }
        if (repository != null) {
            repository.close();
        }
    }
}
