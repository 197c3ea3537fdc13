package dev.cairn.framework.export;

import dev.cairn.framework.Cancellation;
import dev.cairn.framework.ConfigView;
import dev.cairn.framework.ProgressListener;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** What an exporter is given for one call. */
public interface ExportContext {

    /** {@return where to send the files} */
    URI destination();

    /** {@return the permission the policy engine issued for this run} */
    ExportGrant grant();

    /** {@return the repository files to send, as paths relative to {@link #repositoryRoot()}} */
    List<String> files();

    /** {@return the local repository's root directory} */
    Path repositoryRoot();

    /** {@return the exporter's options; secrets are redacted when rendered} */
    ConfigView config();

    /** {@return where to report progress} */
    default ProgressListener progress() {
        return ProgressListener.NOOP;
    }

    /** {@return whether the run was asked to stop} */
    default Cancellation cancellation() {
        return Cancellation.NEVER;
    }
}
