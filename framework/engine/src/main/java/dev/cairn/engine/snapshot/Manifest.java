package dev.cairn.engine.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * One snapshot. Serialized as JSON with snake_case names by {@link ManifestCodec}; every snapshot is
 * complete on its own (no item refers to another snapshot).
 *
 * @param format        manifest format version ({@link #FORMAT})
 * @param backupId      the snapshot id (64 hex), set by the writer at commit
 * @param createdUtc    ISO-8601 UTC time the backup started
 * @param strategy      the strategy id
 * @param parent        the baseline snapshot id of the strategy, or {@code null}
 * @param includes      the profile's include paths
 * @param excludes      the profile's exclude patterns
 * @param rootHash      Merkle root over {@code items} ({@link MerkleRoot})
 * @param wfVersion     the workflow (manifest semantics) version
 * @param engineVersion the Cairn version that wrote it
 * @param hostname      the machine
 * @param installRoot   the install root that was backed up
 * @param governance    policy facts: profile name, encryption, retention tags
 * @param units         per-unit outcome and metadata
 * @param items         every file, directory and symlink, sorted by path
 * @param issues        recoverable problems met during the backup, as text
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
        @JsonProperty("format") int format,
        @JsonProperty("backup_id") String backupId,
        @JsonProperty("created_utc") String createdUtc,
        @JsonProperty("strategy") String strategy,
        @JsonProperty("parent") String parent,
        @JsonProperty("includes") List<String> includes,
        @JsonProperty("excludes") List<String> excludes,
        @JsonProperty("root_hash") String rootHash,
        @JsonProperty("wf_version") String wfVersion,
        @JsonProperty("engine_version") String engineVersion,
        @JsonProperty("hostname") String hostname,
        @JsonProperty("install_root") String installRoot,
        @JsonProperty("governance") Map<String, String> governance,
        @JsonProperty("units") List<UnitRecord> units,
        @JsonProperty("items") List<ManifestItem> items,
        @JsonProperty("issues") List<String> issues) {

    /** The current manifest format version. */
    public static final int FORMAT = 1;
    /** The current workflow version. */
    public static final String WF_VERSION = "1";

    public Manifest {
        includes = includes == null ? List.of() : List.copyOf(includes);
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
        governance = governance == null ? Map.of() : Map.copyOf(governance);
        units = units == null ? List.of() : List.copyOf(units);
        items = items == null ? List.of() : List.copyOf(items);
        issues = issues == null ? List.of() : List.copyOf(issues);
    }

    /** {@return this manifest with {@code id} as its backup id} */
    public Manifest withBackupId(String id) {
        return new Manifest(format, id, createdUtc, strategy, parent, includes, excludes, rootHash, wfVersion,
                engineVersion, hostname, installRoot, governance, units, items, issues);
    }

    /** {@return the items of one unit} */
    public List<ManifestItem> itemsOf(String unitId) {
        return items.stream().filter(i -> i.unit().equals(unitId)).toList();
    }

    /**
     * A unit's part of a snapshot.
     *
     * @param id       the unit id
     * @param module   the JPMS module (or jar) that provided it
     * @param version  the provider's version
     * @param strategy the strategy used for this unit
     * @param baseline the baseline snapshot of this unit, or {@code null}
     * @param outcome  {@code succeeded}, {@code skipped} or {@code failed}
     * @param message  the skip or failure reason, or {@code null}
     * @param metadata unit-defined facts (e.g. SQLite page size), as strings
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UnitRecord(
            @JsonProperty("id") String id,
            @JsonProperty("module") String module,
            @JsonProperty("version") String version,
            @JsonProperty("strategy") String strategy,
            @JsonProperty("baseline") String baseline,
            @JsonProperty("outcome") String outcome,
            @JsonProperty("message") String message,
            @JsonProperty("metadata") Map<String, String> metadata) {
        public UnitRecord {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }
    }
}
