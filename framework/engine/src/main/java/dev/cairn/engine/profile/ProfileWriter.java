package dev.cairn.engine.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.framework.CairnException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes an install profile as JSON (write temp, then rename, so a crash never leaves half a profile). */
public final class ProfileWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProfileWriter() {
    }

    /** {@return the profile as indented JSON} */
    public static String toJson(InstallProfile profile) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", InstallProfile.SCHEMA);
        root.put("name", profile.name());
        root.put("install_root", profile.installRoot().toString());
        if (profile.repository() != null) {
            root.put("repository", profile.repository().toString());
        }
        root.put("strategy", profile.strategy());
        ArrayNode ex = root.putArray("excludes");
        profile.excludes().forEach(ex::add);
        ArrayNode units = root.putArray("units");
        for (InstallProfile.UnitEntry u : profile.units()) {
            ObjectNode n = units.addObject();
            n.put("id", u.id());
            n.put("enabled", u.enabled());
            ArrayNode paths = n.putArray("paths");
            u.paths().forEach(paths::add);
            if (!u.excludes().isEmpty()) {
                ArrayNode ue = n.putArray("excludes");
                u.excludes().forEach(ue::add);
            }
            if (!u.options().isEmpty()) {
                ObjectNode opts = n.putObject("options");
                new java.util.TreeMap<>(u.options()).forEach(opts::put);
            }
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new CairnException(CairnException.Kind.INTERNAL, "cannot render profile", e);
        }
    }

    /**
     * Writes {@code profile} to {@code file}.
     *
     * @throws CairnException CONFIG when the file exists and {@code overwrite} is false; IO when it cannot be written
     */
    public static void write(InstallProfile profile, Path file, boolean overwrite) {
        if (Files.exists(file) && !overwrite) {
            throw new CairnException(CairnException.Kind.CONFIG, "install profile " + file + " exists already; not overwritten");
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".profile", ".tmp");
            Files.writeString(tmp, toJson(profile));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new CairnException(CairnException.Kind.IO, "cannot write install profile " + file + ": " + e.getMessage(), e);
        }
    }
}
