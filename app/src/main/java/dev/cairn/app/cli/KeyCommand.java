package dev.cairn.app.cli;

import dev.cairn.engine.audit.AuditEventType;
import dev.cairn.engine.repository.KeyManager;
import dev.cairn.framework.CairnException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code cairn key}: manages key slots. */
@Command(name = "key", description = "Manage the repository's key slots.",
        subcommands = {KeyCommand.ListKeys.class, KeyCommand.AddKey.class, KeyCommand.RemoveKey.class, KeyCommand.Passwd.class})
final class KeyCommand extends CommandGroup {


    /** {@code cairn key list}. */
    @Command(name = "list", description = "List key slots.")
    static final class ListKeys extends CairnSubcommand {
        @Override
        int run(Session session) {
            var slots = session.repository(false, false).keys().list();
            if (global.json) {
                printJson(slots);
            } else {
                slots.forEach(s -> out().printf("%s %s  created %s%n", s.current() ? "*" : " ", s.id(), s.created()));
            }
            return ExitCodes.OK;
        }
    }

    /** {@code cairn key add}. */
    @Command(name = "add", description = "Add a key slot for another passphrase.")
    static final class AddKey extends CairnSubcommand {
        @Option(names = "--new-password-file", paramLabel = "FILE", description = "Read the new passphrase from FILE (else $CAIRN_NEW_PASSWORD or a prompt).")
        Path newPasswordFile;

        @Override
        int run(Session session) {
            KeyManager keys = session.repository(false, false).keys();
            String id = keys.add(newPassphrase(newPasswordFile));
            session.record(AuditEventType.KEY_CHANGE, null, java.util.Map.of("action", "add", "slot", id));
            out().println("added key slot " + id);
            return ExitCodes.OK;
        }
    }

    /** {@code cairn key remove}. */
    @Command(name = "remove", description = "Remove a key slot (not the last one, not the one in use).")
    static final class RemoveKey extends CairnSubcommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        int run(Session session) {
            session.repository(false, false).keys().remove(id);
            session.record(AuditEventType.KEY_CHANGE, null, java.util.Map.of("action", "remove", "slot", id));
            out().println("removed key slot " + id);
            return ExitCodes.OK;
        }
    }

    /** {@code cairn key passwd}. */
    @Command(name = "passwd", description = "Change the passphrase of the key slot in use.")
    static final class Passwd extends CairnSubcommand {
        @Option(names = "--new-password-file", paramLabel = "FILE", description = "Read the new passphrase from FILE (else $CAIRN_NEW_PASSWORD or a prompt).")
        Path newPasswordFile;

        @Override
        int run(Session session) {
            String id = session.repository(false, false).keys().changePassphrase(newPassphrase(newPasswordFile));
            session.record(AuditEventType.KEY_CHANGE, null, java.util.Map.of("action", "passwd", "slot", id));
            out().println("changed passphrase; key slot is now " + id);
            return ExitCodes.OK;
        }
    }

    static char[] newPassphrase(Path file) {
        if (file != null) {
            return Passphrases.find(file, null, null);
        }
        String env = System.getenv("CAIRN_NEW_PASSWORD");
        if (env != null) {
            return env.toCharArray();
        }
        if (System.console() != null) {
            char[] a = System.console().readPassword("new passphrase: ");
            char[] b = System.console().readPassword("repeat new passphrase: ");
            if (!java.util.Arrays.equals(a, b)) {
                throw new CairnException(CairnException.Kind.USAGE, "the passphrases do not match");
            }
            return a;
        }
        throw new CairnException(CairnException.Kind.USAGE, "no new passphrase: pass --new-password-file or set CAIRN_NEW_PASSWORD");
    }
}
