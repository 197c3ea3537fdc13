package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.engine.snapshot.SnapshotFacts;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The binary form of snapshot facts in the local cache: exact round trips, hostile bytes refused. */
class FactsCodecTest {

    private static final String ID = "0123456789abcdef".repeat(4);

    @Test
    void everyComponentRoundTripsExactly() {
        List<SnapshotFacts> all = List.of(
                new SnapshotFacts(ID, "2026-12-02T01:00:00.123Z", "incremental", ID.replace('0', 'f'),
                        List.of(new SnapshotFacts.UnitOutcome("db", "succeeded"), new SnapshotFacts.UnitOutcome("logs", "failed")),
                        5049, 2_140_653_484L, ID, "h\u00f4te \ud83d\ude00"),
                new SnapshotFacts(ID, "2026-12-02T01:00:00Z", "full", null, List.of(), 0, 0, ID.toUpperCase(), null),
                new SnapshotFacts(null, null, null, null, null, Integer.MAX_VALUE, Long.MAX_VALUE, null, ""));
        for (SnapshotFacts f : all) {
            byte[] bytes = FactsCodec.encode(f);
            assertEquals(f, FactsCodec.decode(bytes, 0, bytes.length, "test"));
        }
        assertEquals(FactsCodec.COMPONENTS, SnapshotFacts.class.getRecordComponents().length,
                "a component added to SnapshotFacts must be added to the codec too");
    }

    @Test
    void everyTruncationAndTrailingBytesAreRefusedAsCorrupt() {
        byte[] bytes = FactsCodec.encode(new SnapshotFacts(ID, "2026-12-02T01:00:00Z", "full", null,
                List.of(new SnapshotFacts.UnitOutcome("db", "succeeded")), 3, 4, ID, "host"));
        for (int len = 0; len < bytes.length; len++) {
            int n = len;
            assertThrows(RepositoryException.class, () -> FactsCodec.decode(bytes, 0, n, "test"), "truncated to " + n);
        }
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(RepositoryException.class, () -> FactsCodec.decode(longer, 0, longer.length, "test"));
    }
}
