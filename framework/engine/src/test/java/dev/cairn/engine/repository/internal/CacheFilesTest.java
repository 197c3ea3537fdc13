package dev.cairn.engine.repository.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The authenticated files of the local caches: an entry is read only as written, for its id, under its key. */
class CacheFilesTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final byte[] KEY = "k".repeat(32).getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path tmp;

    private CacheFiles files(byte[] key, String magic) {
        return new CacheFiles(tmp, key, magic, 1 << 10);
    }

    private static Optional<String> read(CacheFiles files, String id) {
        return files.read(id, (bytes, offset, length) -> new String(bytes, offset, length, StandardCharsets.UTF_8));
    }

    @Test
    void anEntryIsReadBackAsWritten() {
        CacheFiles files = files(KEY, "CAIRNXX1");
        files.write(A, "body of a".getBytes(StandardCharsets.UTF_8));
        files.write(B, new byte[0]);
        assertEquals(Optional.of("body of a"), read(files, A));
        assertEquals(Optional.of(""), read(files, B));
        assertEquals(Optional.empty(), read(files, "c".repeat(64)), "never written");
    }

    @Test
    void anythingButTheEntryAsWrittenIsRemovedAndReadAsAbsent() throws IOException {
        CacheFiles files = files(KEY, "CAIRNXX1");
        files.write(A, "body of a".getBytes(StandardCharsets.UTF_8));
        files.write(B, "body of b".getBytes(StandardCharsets.UTF_8));
        byte[] good = Files.readAllBytes(tmp.resolve(A));
        List<byte[]> bad = List.of(
                flip(good, good.length - 1),                       // the body
                flip(good, 10),                                    // the MAC
                flip(good, 0),                                     // the magic
                Arrays.copyOf(good, good.length - 1),              // truncated body
                Arrays.copyOf(good, 39),                           // shorter than magic and MAC
                new byte[0],
                Files.readAllBytes(tmp.resolve(B)));               // another id's valid entry
        for (byte[] content : bad) {
            Files.write(tmp.resolve(A), content);
            assertEquals(Optional.empty(), read(files, A));
            assertFalse(Files.exists(tmp.resolve(A)), "removed");
        }
        // written under another key or as another kind of entry
        files(KEY, "CAIRNXX1").write(A, "body of a".getBytes(StandardCharsets.UTF_8));
        Files.copy(tmp.resolve(A), tmp.resolve("copy"), StandardCopyOption.REPLACE_EXISTING);
        files("K".repeat(32).getBytes(StandardCharsets.US_ASCII), "CAIRNXX1").write(A, "body of a".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), read(files, A));
        files(KEY, "CAIRNYY1").write(A, "body of a".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), read(files, A));
        Files.copy(tmp.resolve("copy"), tmp.resolve(A));
        assertEquals(Optional.of("body of a"), read(files, A), "the same bytes under the right key and magic");
    }

    @Test
    void anOversizedOrUndecodableEntryIsRemoved() throws IOException {
        CacheFiles files = files(KEY, "CAIRNXX1");
        files.write(A, new byte[(1 << 10) + 1]);
        assertEquals(Optional.empty(), read(files, A), "over the size limit: not even read");
        assertFalse(Files.exists(tmp.resolve(A)));
        files.write(B, "not a number".getBytes(StandardCharsets.UTF_8));
        Optional<Integer> decoded = files.read(B, (bytes, offset, length) ->
                Integer.parseInt(new String(bytes, offset, length, StandardCharsets.UTF_8)));
        assertEquals(Optional.empty(), decoded);
        assertFalse(Files.exists(tmp.resolve(B)));
    }

    @Test
    void keepLastUsedKeepsTheEntriesWrittenOrTouchedLast() throws IOException {
        CacheFiles files = files(KEY, "CAIRNXX1");
        List<String> ids = Stream.of("1", "2", "3", "4", "5").map(c -> c.repeat(64)).toList();
        for (int n = 0; n < ids.size(); n++) {
            files.write(ids.get(n), new byte[] {(byte) n});
            Files.setLastModifiedTime(tmp.resolve(ids.get(n)), FileTime.fromMillis(1_000_000L * (n + 1)));
        }
        files.touch(ids.get(0));
        files.keepLastUsed(3);
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(ids.get(0), ids.get(3), ids.get(4)), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        files.keepLastUsed(0);
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.findAny().isEmpty());
        }
    }

    private static byte[] flip(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 1;
        return copy;
    }
}
