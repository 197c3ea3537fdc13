package dev.cairn.framework.unit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;

/**
 * The metadata Cairn records for an item and restores.
 *
 * @param size       size in bytes (0 for directories and links)
 * @param mode       POSIX permission bits ({@code 0600}), or -1 when the file system has none
 * @param mtimeNanos last modification time, nanoseconds since the epoch
 * @param ctimeNanos inode change time, nanoseconds since the epoch, or -1 when unknown
 * @param inode      inode number, or -1 when unknown
 */
public record FileMetadata(long size, int mode, long mtimeNanos, long ctimeNanos, long inode) {

    /** The file-type bits of {@code st_mode} and three of their values (POSIX {@code S_IFMT}, {@code S_IFREG}, ...). */
    private static final int FILE_TYPE_BITS = 0170000;
    private static final int REGULAR_FILE = 0100000;
    private static final int DIRECTORY = 0040000;
    private static final int SYMBOLIC_LINK = 0120000;

    /**
     * {@return whether a file with this metadata may be assumed to have the same content as one with
     * {@code other}: same size, modification time, inode and change time (unknown values never match)}
     */
    public boolean sameContentSignature(FileMetadata other) {
        return other != null && size == other.size && mtimeNanos == other.mtimeNanos
                && inode == other.inode && inode != -1
                && ctimeNanos == other.ctimeNanos && ctimeNanos != -1;
    }

    /** {@return metadata with another size (e.g. of a consistent copy of the file)} */
    public FileMetadata withSize(long newSize) {
        return new FileMetadata(newSize, mode, mtimeNanos, ctimeNanos, inode);
    }

    /**
     * Reads the metadata of {@code path} without following a final symbolic link.
     *
     * @throws IOException when it cannot be read (e.g. {@link java.nio.file.NoSuchFileException})
     */
    public static FileMetadata read(Path path) throws IOException {
        return stat(path).metadata();
    }

    /**
     * The metadata of an entry and its kind, {@code null} for a socket, FIFO or device.
     *
     * @param metadata what {@link #read(Path)} returns
     * @param kind     the entry's kind as the same stat saw it
     */
    record Stat(FileMetadata metadata, FileTreeWalker.Kind kind) { }

    /**
     * Reads the metadata and the kind of {@code path} in one stat, without following a final symbolic
     * link: a walk of thousands of files paid for one stat to list each entry and two more (its kind,
     * then its metadata) before reading it.
     *
     * @throws IOException when it cannot be read (e.g. {@link java.nio.file.NoSuchFileException})
     */
    static Stat stat(Path path) throws IOException {
        try {
            Map<String, Object> unix = Files.readAttributes(path, "unix:size,mode,lastModifiedTime,ctime,ino", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) unix.get("mode");
            FileTreeWalker.Kind kind = switch (mode & FILE_TYPE_BITS) {
                case REGULAR_FILE -> FileTreeWalker.Kind.FILE;
                case DIRECTORY -> FileTreeWalker.Kind.DIRECTORY;
                case SYMBOLIC_LINK -> FileTreeWalker.Kind.SYMLINK;
                default -> null;
            };
            boolean dirOrLink = kind == FileTreeWalker.Kind.DIRECTORY || kind == FileTreeWalker.Kind.SYMLINK;
            return new Stat(new FileMetadata(dirOrLink ? 0 : (Long) unix.get("size"), mode & 07777,
                    nanos((FileTime) unix.get("lastModifiedTime")), nanos((FileTime) unix.get("ctime")), (Long) unix.get("ino")), kind);
        } catch (UnsupportedOperationException | IllegalArgumentException notUnix) {
            var basic = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            int mode = -1;
            try {
                mode = toMode(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
            } catch (UnsupportedOperationException ignored) {
                // no POSIX permissions on this file system
            }
            FileTreeWalker.Kind kind = basic.isSymbolicLink() ? FileTreeWalker.Kind.SYMLINK
                    : basic.isDirectory() ? FileTreeWalker.Kind.DIRECTORY
                    : basic.isRegularFile() ? FileTreeWalker.Kind.FILE : null;
            return new Stat(new FileMetadata(kind == FileTreeWalker.Kind.FILE ? basic.size() : 0, mode,
                    nanos(basic.lastModifiedTime()), -1, -1), kind);
        }
    }

    private static long nanos(FileTime time) {
        return time.to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** {@return the permission bits of {@code perms} as an octal mode} */
    public static int toMode(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }

    /** {@return the permissions of the low nine bits of {@code mode}} */
    public static Set<PosixFilePermission> toPermissions(int mode) {
        Set<PosixFilePermission> perms = java.util.EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - p.ordinal()))) != 0) {
                perms.add(p);
            }
        }
        return perms;
    }
}
