package dev.cairn.app.cli;

import dev.cairn.engine.audit.AuditEntry;
import dev.cairn.engine.audit.AuditEventType;
import dev.cairn.engine.audit.AuditTrail;
import dev.cairn.engine.profile.InstallProfile;
import dev.cairn.engine.profile.ProfileSuggester;
import dev.cairn.engine.profile.ProfileWriter;
import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.repository.RepositoryInfo;
import dev.cairn.engine.repository.RepositoryOptions;
import dev.cairn.framework.CairnException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code cairn init}: creates a repository and, with --install, an install profile. */
@Command(name = "init", description = "Create a repository (encrypted unless --no-encryption); with --install, also write an install profile.")
final class InitCommand extends CairnSubcommand {

    @Option(names = "--no-encryption", description = "Create an unencrypted repository (an explicit choice).")
    boolean noEncryption;

    @Option(names = "--install", paramLabel = "DIR", description = "Scan this install root and write a suggested profile.")
    Path install;

    @Option(names = "--profile-out", paramLabel = "FILE", description = "Where to write the profile (default: ./cairn-profile.json).")
    Path profileOut = Path.of("cairn-profile.json");

    @Option(names = "--skip-repository", description = "Only write the profile.")
    boolean skipRepository;

    @Override
    int run(Session session) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (!skipRepository) {
            Path repo = session.repositoryPath(false);
            RepositoryOptions opts;
            if (noEncryption) {
                opts = RepositoryOptions.unencrypted();
            } else {
                char[] pass = Passphrases.forNewRepository(global.passwordFile);
                if (pass == null) {
                    throw new CairnException(CairnException.Kind.USAGE, "no passphrase for the new repository: set CAIRN_PASSWORD or "
                            + "CAIRN_PASSWORD_FILE, pass --password-file, run on a terminal, or choose --no-encryption");
                }
                opts = RepositoryOptions.encrypted(pass);
            }
            try (Repository r = Repository.init(repo, opts)) {
                RepositoryInfo info = r.info();
                try (AuditTrail trail = AuditTrail.open(repo.resolve("audit"), r.auditKey())) {
                    trail.append(AuditEntry.of(AuditEventType.INIT, null, Map.of("encrypted", info.encrypted(), "repository_id", info.id())));
                }
                result.put("repository", repo.toString());
                result.put("id", info.id());
                result.put("encrypted", info.encrypted());
                if (!global.json) {
                    out().printf("created %s repository %s at %s%n", info.encrypted() ? "encrypted" : "UNENCRYPTED",
                            shortId(info.id()), repo);
                }
            }
        }
        if (install != null) {
            InstallProfile suggested = ProfileSuggester.suggest(install.toAbsolutePath().getFileName().toString(), install,
                    session.registry(), issue -> session.info("suggest: " + issue));
            if (suggested.units().isEmpty()) {
                throw new CairnException(CairnException.Kind.CONFIG, "no unit recognised anything under " + install);
            }
            ProfileWriter.write(suggested, profileOut, false);
            result.put("profile", profileOut.toAbsolutePath().toString());
            result.put("units", suggested.units().stream().map(u -> u.id() + " " + u.paths()).toList());
            if (!global.json) {
                out().printf("wrote install profile %s:%n", profileOut);
                suggested.units().forEach(u -> out().printf("  %-8s %s%n", u.id(), String.join(", ", u.paths())));
            }
        }
        if (global.json) {
            printJson(result);
        }
        return ExitCodes.OK;
    }
}
