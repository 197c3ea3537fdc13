package dev.cairn.engine.catalog;

import dev.cairn.engine.repository.Repository;
import dev.cairn.engine.snapshot.Manifest;
import dev.cairn.engine.snapshot.ManifestItem;
import dev.cairn.engine.snapshot.SnapshotFacts;
import dev.cairn.framework.CairnException;
import dev.cairn.framework.strategy.SnapshotSummary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Summaries of the snapshots in a repository, loaded once from their {@linkplain Repository#snapshotFacts
 * facts} (a local cache when the repository has one: no manifest is decrypted for them). Manifests are
 * loaded lazily and cached, so resolving {@code latest} reads only the manifest it needs; a baseline's
 * items come from the repository's {@linkplain Repository#snapshotItems item cache} when it has them.
 */
public final class SnapshotCatalog {

    private final Repository repository;
    private final Map<String, Manifest> manifests = new HashMap<>();
    private final Map<String, List<ManifestItem>> items = new HashMap<>();
    private List<SnapshotSummary> summaries;

    public SnapshotCatalog(Repository repository) {
        this.repository = repository;
    }

    /** {@return every snapshot, newest first} */
    public synchronized List<SnapshotSummary> summaries() {
        if (summaries == null) {
            List<SnapshotSummary> out = new ArrayList<>();
            for (String id : repository.snapshotIds()) {
                Manifest loaded = manifests.get(id);
                out.add(loaded != null ? summarize(loaded) : summarize(facts(id)));
            }
            out.sort(Comparator.comparing(SnapshotSummary::created).thenComparing(SnapshotSummary::id).reversed());
            summaries = List.copyOf(out);
        }
        return summaries;
    }

    /** {@return the snapshots in which {@code unitId} succeeded, newest first} */
    public List<SnapshotSummary> historyOf(String unitId) {
        return summaries().stream().filter(s -> s.units().contains(unitId)).toList();
    }

    /** {@return the manifest of {@code id} (a full id), loading it once} */
    public synchronized Manifest manifest(String id) {
        return manifests.computeIfAbsent(id, repository::loadSnapshot);
    }

    /** {@return the items of {@code id} (a full id), loading them once: from its manifest if that is loaded} */
    public synchronized List<ManifestItem> items(String id) {
        Manifest loaded = manifests.get(id);
        if (loaded != null) {
            return loaded.items();
        }
        return items.computeIfAbsent(id, repository::snapshotItems);
    }

    /**
     * Resolves a reference given by a user: {@code latest}, a full id, or a unique prefix.
     *
     * @throws CairnException NOT_FOUND when nothing matches, USAGE when a prefix is ambiguous
     */
    public Manifest resolve(String ref) {
        if (ref.equals("latest")) {
            List<SnapshotSummary> all = summaries();
            if (all.isEmpty()) {
                throw new CairnException(CairnException.Kind.NOT_FOUND, "the repository has no snapshots yet");
            }
            return manifest(all.get(0).id());
        }
        List<String> matches = repository.snapshotIds().stream().filter(id -> id.startsWith(ref)).toList();
        if (matches.isEmpty()) {
            throw new CairnException(CairnException.Kind.NOT_FOUND, "no snapshot " + ref);
        }
        if (matches.size() > 1) {
            throw new CairnException(CairnException.Kind.USAGE, "snapshot prefix " + ref + " is ambiguous (" + matches.size() + " matches)");
        }
        return manifest(matches.get(0));
    }

    /** {@return the facts of snapshot {@code id} (a full id), without loading its manifest when the repository caches them} */
    public SnapshotFacts facts(String id) {
        return repository.snapshotFacts(id);
    }

    /** {@return the summary of a snapshot's facts: units that succeeded in it} */
    public static SnapshotSummary summarize(SnapshotFacts f) {
        return new SnapshotSummary(f.id(), Instant.parse(f.createdUtc()), f.strategy(), f.succeededUnits());
    }

    /** {@return the summary of a manifest: units that succeeded in it} */
    public static SnapshotSummary summarize(Manifest m) {
        return summarize(SnapshotFacts.of(m));
    }
}
