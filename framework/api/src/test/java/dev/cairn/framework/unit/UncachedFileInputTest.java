package dev.cairn.framework.unit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Large files read past the page cache return exactly the file's bytes; small ones are read as before. */
class UncachedFileInputTest {

    @TempDir
    Path tmp;

    private static byte[] random(long seed, int size) {
        byte[] b = new byte[size];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    private static byte[] readAll(InputStream in, int bufferSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[bufferSize];
        for (int n; (n = in.read(buf, 0, buf.length)) >= 0; ) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    @Test
    void aLargeFileReadsBackExactlyWhateverTheCallersBufferSize() throws IOException {
        // not a multiple of the block or of the alignment: the last read is short and ends off a block boundary
        byte[] content = random(1, (int) UncachedFileInput.MIN_SIZE + 3 * UncachedFileInput.BLOCK + 12_345);
        Path file = Files.write(tmp.resolve("model.bin"), content);
        for (int size : new int[] {1, 4095, 65_536, UncachedFileInput.BLOCK + 1, 32 << 20}) {
            try (InputStream in = UncachedFileInput.open(file, content.length)) {
                assertArrayEquals(content, readAll(in, size), "buffer of " + size + " bytes");
                assertEquals(-1, in.read(), "the end stays the end");
            }
        }
    }

    @Test
    void onALocalLinuxFileSystemALargeFileIsReadDirectly() throws IOException {
        String type = Files.getFileStore(tmp).type();
        assumeTrue(java.util.Set.of("ext4", "xfs", "btrfs").contains(type), "direct I/O is checked on ext4, xfs and btrfs; this is " + type);
        byte[] content = random(7, (int) UncachedFileInput.MIN_SIZE + 1);
        Path file = Files.write(tmp.resolve("direct.bin"), content);
        try (InputStream in = UncachedFileInput.open(file, content.length)) {
            assertTrue(in instanceof UncachedFileInput, "read past the page cache on " + type);
            assertArrayEquals(content, in.readAllBytes());
        }
    }

    @Test
    void aLargeFileOfWholeBlocksEndsAfterItsLastBlock() throws IOException {
        byte[] content = random(2, (int) UncachedFileInput.MIN_SIZE);
        Path file = Files.write(tmp.resolve("exact.bin"), content);
        try (InputStream in = UncachedFileInput.open(file, content.length)) {
            assertArrayEquals(content, in.readAllBytes());
        }
    }

    @Test
    void singleByteReadsSeeTheSameBytes() throws IOException {
        byte[] content = random(3, (int) UncachedFileInput.MIN_SIZE + 7);
        Path file = Files.write(tmp.resolve("bytes.bin"), content);
        try (InputStream in = UncachedFileInput.open(file, content.length)) {
            for (int i = 0; i < 5000; i++) {
                assertEquals(content[i] & 0xff, in.read(), "byte " + i);
            }
            byte[] rest = in.readAllBytes();
            assertEquals(content.length - 5000, rest.length);
            assertEquals(content[content.length - 1], rest[rest.length - 1]);
        }
    }

    @Test
    void aSmallFileIsReadThroughThePageCache() throws IOException {
        byte[] content = random(4, 100_000);
        Path file = Files.write(tmp.resolve("small.bin"), content);
        try (InputStream in = UncachedFileInput.open(file, content.length)) {
            assertFalse(in instanceof UncachedFileInput);
            assertArrayEquals(content, in.readAllBytes());
        }
    }

    @Test
    void whereDirectIOIsRefusedTheFileIsReadThroughThePageCache() throws IOException {
        byte[] content = random(8, (int) UncachedFileInput.MIN_SIZE + 5);
        Path file = Files.write(tmp.resolve("refused.bin"), content);
        java.nio.file.OpenOption refused = new java.nio.file.OpenOption() { }; // FileChannel.open refuses an option it does not know
        try (InputStream in = UncachedFileInput.open(file, content.length, refused)) {
            assertFalse(in instanceof UncachedFileInput);
            assertArrayEquals(content, in.readAllBytes());
        }
        assertThrows(NoSuchFileException.class, () -> UncachedFileInput.open(tmp.resolve("gone.bin"), content.length, refused));
    }

    @Test
    void aMissingFileIsNoSuchFileAndALinkIsNotFollowed() throws IOException {
        long large = UncachedFileInput.MIN_SIZE;
        assertThrows(NoSuchFileException.class, () -> UncachedFileInput.open(tmp.resolve("gone.bin"), large));
        Path target = Files.write(tmp.resolve("target.bin"), random(5, (int) large));
        Path link = Files.createSymbolicLink(tmp.resolve("link.bin"), target);
        IOException viaLink = assertThrows(IOException.class, () -> UncachedFileInput.open(link, large).close());
        IOException plain = assertThrows(IOException.class, () -> Files.newInputStream(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals(plain.getClass(), viaLink.getClass(), "refused as a plain open refuses it");
    }

    @Test
    void streamsClosedWhileTheirNextBlockIsReadAheadLeaveLaterStreamsTheirOwnBytes() throws IOException {
        byte[] first = random(9, (int) UncachedFileInput.MIN_SIZE + 3 * UncachedFileInput.BLOCK);
        byte[] second = random(10, (int) UncachedFileInput.MIN_SIZE + 2 * UncachedFileInput.BLOCK + 99);
        Path a = Files.write(tmp.resolve("a.bin"), first);
        Path b = Files.write(tmp.resolve("b.bin"), second);
        for (int round = 0; round < 20; round++) {
            InputStream abandoned = UncachedFileInput.open(a, first.length);
            byte[] head = new byte[10 + round * 100_000];
            int n = abandoned.readNBytes(head, 0, head.length);
            assertArrayEquals(java.util.Arrays.copyOf(first, n), java.util.Arrays.copyOf(head, n), "round " + round);
            abandoned.close(); // its read-ahead may still be writing into a buffer the pool must not hand out yet
            try (InputStream in = UncachedFileInput.open(b, second.length)) {
                assertArrayEquals(second, readAll(in, 65_536), "round " + round);
            }
        }
    }

    @Test
    void aClosedStreamRefusesReads() throws IOException {
        Path file = Files.write(tmp.resolve("closed.bin"), random(6, (int) UncachedFileInput.MIN_SIZE));
        InputStream in = UncachedFileInput.open(file, UncachedFileInput.MIN_SIZE);
        in.close();
        assertThrows(IOException.class, () -> in.read(new byte[10], 0, 10));
    }
}
