package dev.cairn.units.db.internal;

import dev.cairn.framework.unit.FileMetadata;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The metadata a database item carries: a signature of the database file <em>and</em> its
 * {@code -wal}, because in WAL mode a commit changes only the {@code -wal} and a checkpoint only the
 * database file.
 *
 * <ul>
 *   <li>size = size of the database + size of the {@code -wal} (0 when there is none);</li>
 *   <li>mtime, ctime = the later of the two files';</li>
 *   <li>inode = the database's, mixed with the {@code -wal}'s;</li>
 *   <li>mode = the database's.</li>
 * </ul>
 * Any write to either file sets that file's times to the current time, so a later signature differs
 * from an earlier one — unless the write fell in the same clock tick as the earlier reading. That
 * "racy" case is excluded the way git excludes it: when either time is less than {@link #RACY_WINDOW_NANOS}
 * before the reading, the change time is recorded as unknown (-1), and an unknown value never matches
 * ({@link FileMetadata#sameContentSignature}), so the next backup copies the database again.
 */
final class ChangeSignature {

    /** Times this close to the reading are not trusted (file times have a coarse clock tick). */
    static final long RACY_WINDOW_NANOS = 2_000_000_000L;

    private ChangeSignature() {
    }

    /**
     * {@return the signature of {@code db} and its {@code -wal}, read at {@code now}}
     *
     * @throws NoSuchFileException when the database does not exist
     */
    static FileMetadata of(Path db, Instant now) throws IOException {
        FileMetadata main = FileMetadata.read(db);
        FileMetadata wal = null;
        Path walFile = db.resolveSibling(db.getFileName() + "-wal");
        if (java.nio.file.Files.exists(walFile, LinkOption.NOFOLLOW_LINKS)) {
            try {
                wal = FileMetadata.read(walFile);
            } catch (NoSuchFileException vanished) {
                // checkpointed and deleted between the two calls: the database file's times changed with it
            }
        }
        long size = main.size() + (wal == null ? 0 : wal.size());
        long mtime = wal == null ? main.mtimeNanos() : Math.max(main.mtimeNanos(), wal.mtimeNanos());
        long ctime = main.ctimeNanos() < 0 || (wal != null && wal.ctimeNanos() < 0) ? -1
                : wal == null ? main.ctimeNanos() : Math.max(main.ctimeNanos(), wal.ctimeNanos());
        long inode = main.inode() < 0 || (wal != null && wal.inode() < 0) ? -1
                : wal == null ? main.inode() : main.inode() * 1_000_003L + wal.inode();
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        if (ctime >= 0 && (nowNanos - mtime < RACY_WINDOW_NANOS || nowNanos - ctime < RACY_WINDOW_NANOS)) {
            ctime = -1;
        }
        return new FileMetadata(size, main.mode(), mtime, ctime, inode);
    }
}
