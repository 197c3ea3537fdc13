package dev.cairn.engine.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What listing snapshots and choosing a baseline need of a manifest, without its items: a few hundred
 * bytes where a manifest holds every chunk id (2.5 MB for a 250 MB database of one-page chunks). The
 * repository keeps them in a local cache so that these decisions do not decrypt and parse every
 * manifest of the history.
 *
 * @param id         the snapshot id
 * @param createdUtc when the backup started (ISO-8601)
 * @param strategy   the strategy id
 * @param parent     the common baseline, or {@code null}
 * @param units      each unit's outcome, in manifest order
 * @param items      how many items the snapshot holds
 * @param fileBytes  the total size of its files
 * @param rootHash   its Merkle root
 * @param hostname   the machine it was taken on
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SnapshotFacts(
        @JsonProperty("backup_id") String id,
        @JsonProperty("created_utc") String createdUtc,
        @JsonProperty("strategy") String strategy,
        @JsonProperty("parent") String parent,
        @JsonProperty("units") List<UnitOutcome> units,
        @JsonProperty("items") int items,
        @JsonProperty("file_bytes") long fileBytes,
        @JsonProperty("root_hash") String rootHash,
        @JsonProperty("hostname") String hostname) {

    /** A unit's outcome in a snapshot. */
    public record UnitOutcome(@JsonProperty("id") String id, @JsonProperty("outcome") String outcome) { }

    public SnapshotFacts {
        units = units == null ? List.of() : List.copyOf(units);
    }

    /** {@return the facts of {@code m}} */
    public static SnapshotFacts of(Manifest m) {
        long bytes = m.items().stream().filter(i -> ManifestItem.FILE.equals(i.type())).mapToLong(ManifestItem::size).sum();
        return new SnapshotFacts(m.backupId(), m.createdUtc(), m.strategy(), m.parent(),
                m.units().stream().map(u -> new UnitOutcome(u.id(), u.outcome())).toList(), m.items().size(), bytes,
                m.rootHash(), m.hostname());
    }

    /** {@return the units that succeeded in this snapshot} */
    public Set<String> succeededUnits() {
        return units.stream().filter(u -> "succeeded".equals(u.outcome())).map(UnitOutcome::id).collect(Collectors.toSet());
    }
}
