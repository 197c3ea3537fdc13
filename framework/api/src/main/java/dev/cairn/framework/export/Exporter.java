package dev.cairn.framework.export;

import java.util.Set;

/** Copies repository files to one kind of destination. Found with {@link java.util.ServiceLoader}. */
public interface Exporter {

    /** {@return the exporter's id} */
    String id();

    /** {@return the destination URI schemes it handles, e.g. {@code s3}, {@code sftp}, {@code file}} */
    Set<String> schemes();

    /**
     * Says what an export would send, without side effects and without touching the network.
     *
     * @param ctx the files, destination and grant
     * @return the files that would be sent and the bytes involved
     */
    ExportPlan plan(ExportContext ctx);

    /**
     * Sends the files and verifies each one arrived intact. Must refuse (a failed outcome) when
     * {@link ExportContext#grant()} does not permit the destination.
     *
     * @param ctx the files, destination, grant and services
     * @return the outcome
     */
    ExportOutcome export(ExportContext ctx);
}
