package dev.cairn.framework.unit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** One stat gives an entry's metadata and its kind, never following a final link. */
class FileMetadataTest {

    @TempDir
    Path dir;

    @Test
    void regularFileHasItsSizeModeTimesAndInode() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "twelve bytes");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_123L));

        FileMetadata.Stat stat = FileMetadata.stat(file);

        assertEquals(FileTreeWalker.Kind.FILE, stat.kind());
        assertEquals(12, stat.metadata().size());
        assertEquals(0640, stat.metadata().mode());
        assertEquals(1_700_000_000_123_000_000L, stat.metadata().mtimeNanos());
        assertNotEquals(-1, stat.metadata().ctimeNanos());
        assertEquals(Files.getAttribute(file, "unix:ino"), stat.metadata().inode());
        assertEquals(stat.metadata(), FileMetadata.read(file));
    }

    @Test
    void directoryAndLinkHaveNoSizeAndTheLinkIsNotFollowed() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Files.writeString(sub.resolve("inside"), "content");
        Path target = Files.writeString(dir.resolve("target"), "a file the link points to");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);

        FileMetadata.Stat directory = FileMetadata.stat(sub);
        FileMetadata.Stat symlink = FileMetadata.stat(link);

        assertEquals(FileTreeWalker.Kind.DIRECTORY, directory.kind());
        assertEquals(0, directory.metadata().size());
        assertEquals(FileTreeWalker.Kind.SYMLINK, symlink.kind());
        assertEquals(0, symlink.metadata().size());
        assertNotEquals(FileMetadata.read(target).inode(), symlink.metadata().inode());
    }

    @Test
    void specialFileHasNoKind() throws Exception {
        Path fifo = dir.resolve("pipe");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());

        assertNull(FileMetadata.stat(fifo).kind());
    }

    @Test
    void missingEntryIsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> FileMetadata.stat(dir.resolve("absent")));
    }
}
