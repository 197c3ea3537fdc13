package dev.cairn.app.cli;

import dev.cairn.engine.audit.AuditRendering;
import dev.cairn.engine.audit.AuditVerification;
import picocli.CommandLine.Command;

/** {@code cairn audit}: reads and verifies the tamper-evident audit trail. */
@Command(name = "audit", description = "Show or verify the repository's tamper-evident audit trail.",
        subcommands = {AuditCommand.Log.class, AuditCommand.Verify.class})
final class AuditCommand extends CommandGroup {


    /** {@code cairn audit log}. */
    @Command(name = "log", description = "Print every event, oldest first.")
    static final class Log extends CairnSubcommand {
        @Override
        int run(Session session) {
            var events = session.audit().events();
            out().println(global.json ? AuditRendering.json(events) : AuditRendering.text(events));
            return ExitCodes.OK;
        }
    }

    /** {@code cairn audit verify}. */
    @Command(name = "verify", description = "Check the chain: detects modified, deleted, inserted or reordered events and a truncated tail (exit 13).")
    static final class Verify extends CairnSubcommand {
        @Override
        int run(Session session) {
            AuditVerification v = session.audit().verify();
            out().println(global.json ? AuditRendering.json(v) : AuditRendering.text(v));
            return v.intact() ? ExitCodes.OK : ExitCodes.CORRUPT;
        }
    }
}
