package dev.cairn.bench.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the Cairn install profile ({@code cairn-install-profile/1}) of a generated install: one unit
 * per kind of data, {@code db} page-aligned, {@code models/} (raw fp16 dumps) in the {@code models} unit,
 * which stores 16-bit weights as compressed byte planes.
 */
public final class InstallProfileWriter {

    private InstallProfileWriter() {
    }

    /** Writes the profile of the install at {@code installRoot} (with {@code parts}) to {@code profileFile}. */
    public static void write(Path profileFile, Path installRoot, Set<InstallPart> parts) throws IOException {
        List<Map<String, Object>> units = new ArrayList<>();
        if (parts.contains(InstallPart.DB)) {
            units.add(unit("db", List.of("data/app.db"), Map.of("page_aligned", "true")));
        }
        if (parts.contains(InstallPart.CONFIG)) {
            units.add(unit("config", List.of("config"), null));
        }
        if (parts.contains(InstallPart.LOGS)) {
            units.add(unit("logs", List.of("logs"), null));
        }
        List<String> files = new ArrayList<>();
        addIf(files, parts, InstallPart.UPLOADS, "uploads");
        addIf(files, parts, InstallPart.TRANSCRIPTS, "transcripts");
        addIf(files, parts, InstallPart.CERTS, "certs");
        if (!files.isEmpty()) {
            units.add(unit("files", files, null));
        }
        if (parts.contains(InstallPart.MODELS)) {
            units.add(unit("models", List.of("models"), null));
        }
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("schema", "cairn-install-profile/1");
        profile.put("name", "bench");
        profile.put("install_root", installRoot.toAbsolutePath().normalize().toString());
        profile.put("units", units);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(profileFile.toFile(), profile);
    }

    private static void addIf(List<String> files, Set<InstallPart> parts, InstallPart part, String path) {
        if (parts.contains(part)) {
            files.add(path);
        }
    }

    private static Map<String, Object> unit(String id, List<String> paths, Map<String, String> options) {
        Map<String, Object> unit = new LinkedHashMap<>();
        unit.put("id", id);
        unit.put("paths", paths);
        if (options != null) {
            unit.put("options", options);
        }
        return unit;
    }
}
