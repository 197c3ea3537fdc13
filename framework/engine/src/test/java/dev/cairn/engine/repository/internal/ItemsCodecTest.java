package dev.cairn.engine.repository.internal;

import dev.cairn.engine.repository.RepositoryException;
import dev.cairn.engine.snapshot.ChunkRef;
import dev.cairn.engine.snapshot.ManifestItem;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The binary form of a snapshot's items in the local cache: exact round trips, hostile bytes refused. */
class ItemsCodecTest {

    private static final String ID_A = "0123456789abcdef".repeat(4);
    private static final String ID_B = "fedcba9876543210".repeat(4);

    /** Items that between them give every component an absent and a present value, and odd strings. */
    static List<ManifestItem> variedItems() {
        List<ManifestItem> items = new ArrayList<>();
        items.add(new ManifestItem("config", "config", ManifestItem.DIR, 0, null, 0755, 1_700_000_000_123_456_789L, -1, -1,
                null, null, null, null, null));
        items.add(new ManifestItem("config/app.json", "config", ManifestItem.FILE, 91, ID_A, 0644, 5, 6, 7, null,
                List.of(new ChunkRef(ID_B, 91)), null, null, null));
        items.add(new ManifestItem("config/current.json", "config", ManifestItem.SYMLINK, 0, ID_B, -1, 1, 2, 3, "app.json",
                null, null, null, null));
        items.add(new ManifestItem("db/app.db", "db", ManifestItem.FILE, Long.MAX_VALUE, ID_A, 0600, Long.MIN_VALUE, 0, 0,
                null, null, "c3RhdGU=", 123_456_789_012L, List.of(ID_A, ID_B)));
        // ids that are not 64 lowercase hex digits stay text; an empty path, unicode, an empty chunk list
        items.add(new ManifestItem("", "logs", ManifestItem.FILE, 0, ID_A.toUpperCase(), 0, 0, 0, 0, "",
                List.of(), "", 0L, List.of()));
        items.add(new ManifestItem("uploads/r\u00e9sum\u00e9 \u6587\u4ef6 \ud83d\ude00.bin", "files", ManifestItem.FILE, 3,
                ID_A.substring(1) + "g", 0644, 1, 1, 1, null,
                List.of(new ChunkRef(ID_A, 1), new ChunkRef("short", 2), new ChunkRef(ID_B, Integer.MAX_VALUE)), null, null, null));
        return items;
    }

    @Test
    void everyComponentRoundTripsExactly() {
        List<ManifestItem> items = variedItems();
        byte[] bytes = ItemsCodec.encode(items);
        assertEquals(items, ItemsCodec.decode(bytes, 0, bytes.length, "test"));
        assertEquals(List.of(), decode(ItemsCodec.encode(List.of())));
    }

    @Test
    void theCodecWritesEveryComponentOfAnItem() {
        // a component added to ManifestItem must be added to the codec (and this number) too
        assertEquals(ItemsCodec.COMPONENTS, ManifestItem.class.getRecordComponents().length);
    }

    @Test
    void decodesFromAnOffsetAndHexIdsTakeHalfTheirText() {
        List<ManifestItem> one = List.of(variedItems().get(1));
        byte[] body = ItemsCodec.encode(one);
        byte[] framed = new byte[body.length + 10];
        System.arraycopy(body, 0, framed, 7, body.length);
        assertEquals(one, ItemsCodec.decode(framed, 7, body.length, "test"));
        // path 15 + unit 6 + type 4 text bytes, two ids of 32 bytes, 12 tags and counts, 4 longs, mode, length, flag
        assertEquals(4 + (4 + 15) + (4 + 6) + (4 + 4) + 8 + (4 + 32) + 4 + 8 + 8 + 8 + 4 + 4 + (4 + 32 + 4) + 4 + 1 + 4,
                body.length);
    }

    @Test
    void everyTruncationAndTrailingBytesAreRefusedAsCorrupt() {
        byte[] bytes = ItemsCodec.encode(variedItems());
        for (int len = 0; len < bytes.length; len++) {
            int n = len;
            assertThrows(RepositoryException.class, () -> ItemsCodec.decode(bytes, 0, n, "test"), "truncated to " + n);
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(RepositoryException.class, () -> decode(longer));
    }

    @Test
    void randomDamageNeverEscapesAsAnythingButCorruption() {
        byte[] bytes = ItemsCodec.encode(variedItems());
        Random random = new Random(42);
        int refused = 0;
        for (int trial = 0; trial < 2000; trial++) {
            byte[] damaged = bytes.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            try {
                decode(damaged);
            } catch (RepositoryException e) {
                refused++;
            }
        }
        // a damaged byte inside a string or a number decodes to other items; tags and counts are refused
        assertTrue(refused > 200, "refused " + refused + " of 2000");
    }

    @Test
    void impossibleCountsAndTagsAreRefusedBeforeAllocating() {
        byte[] hugeCount = HexFormat.of().parseHex("7fffffff");
        assertThrows(RepositoryException.class, () -> decode(hugeCount));
        byte[] one = ItemsCodec.encode(List.of(variedItems().get(0)));
        byte[] badTag = one.clone();
        badTag[4] = (byte) 0xff;
        badTag[5] = (byte) 0xff;
        badTag[6] = (byte) 0xff;
        badTag[7] = (byte) 0xf0;   // a path tag that is neither absent, a hex id nor a length
        assertThrows(RepositoryException.class, () -> decode(badTag));
    }

    private static List<ManifestItem> decode(byte[] bytes) {
        return ItemsCodec.decode(bytes, 0, bytes.length, "test");
    }
}
