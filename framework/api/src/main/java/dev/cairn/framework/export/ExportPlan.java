package dev.cairn.framework.export;

import java.net.URI;
import java.util.List;

/**
 * What an export would send.
 *
 * @param destination where to
 * @param files       the repository-relative files
 * @param bytes       their total size
 */
public record ExportPlan(URI destination, List<String> files, long bytes) {

    public ExportPlan {
        files = List.copyOf(files);
    }
}
