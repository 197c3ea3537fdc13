package dev.cairn.engine.audit;

import dev.cairn.framework.CairnException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The append-only hash file {@code chain.log}: one fixed-width line per event,
 * {@code <seq, 12 digits> <h_seq, 64 hex>\n} (78 bytes), the n-th line holding event n. Appends are
 * written at the end and forced to disk before the append returns.
 */
final class ChainFile {

    /** Bytes per line, newline included. */
    static final int LINE_BYTES = 78;

    private static final Pattern LINE = Pattern.compile("(\\d{12}) ([0-9a-f]{64})");

    /** A well-formed line. */
    record Line(long seq, String hash) { }

    /**
     * The parsed file.
     *
     * @param lines   every complete line in file order, {@code null} where a line does not parse
     * @param partial the bytes after the last newline (a half-written line), or {@code null}
     */
    record Contents(List<Line> lines, String partial) { }

    /**
     * The end of the file, read without scanning it all.
     *
     * @param complete     the number of complete lines, assuming the fixed width
     * @param partialBytes the bytes of a half-written last line (0 when none)
     * @param last         the last complete line, or {@code null} when none or malformed
     * @param beforeLast   the line before it, or {@code null}
     * @param partial      the half-written last line's text, or {@code ""}
     */
    record Tail(long complete, int partialBytes, Line last, Line beforeLast, String partial) { }

    private final Path file;

    ChainFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** {@return the line for event {@code seq} with hash {@code hash}} */
    static String line(long seq, String hash) {
        return String.format("%012d %s", seq, hash) + "\n";
    }

    /** Appends the line of event {@code seq} and forces it to disk. */
    void append(long seq, String hash) throws IOException {
        writeAt(-1, line(seq, hash));
    }

    /** Cuts the file to {@code complete} lines, then appends the line of event {@code seq}; forces it. */
    void replaceTail(long complete, long seq, String hash) throws IOException {
        writeAt(complete * LINE_BYTES, line(seq, hash));
    }

    private void writeAt(long truncateTo, String text) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (truncateTo >= 0) {
                ch.truncate(truncateTo);
            }
            ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
            long pos = ch.size();
            while (buf.hasRemaining()) {
                pos += ch.write(buf, pos);
            }
            ch.force(true);
        }
    }

    /** {@return the last lines, read from the end of the file} */
    Tail tail() throws IOException {
        if (!Files.exists(file)) {
            return new Tail(0, 0, null, null, "");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long complete = size / LINE_BYTES;
            int partial = (int) (size % LINE_BYTES);
            Line last = complete >= 1 ? readLine(ch, complete) : null;
            Line beforeLast = complete >= 2 ? readLine(ch, complete - 1) : null;
            ByteBuffer rest = ByteBuffer.allocate(partial);
            while (rest.hasRemaining() && ch.read(rest, complete * LINE_BYTES + rest.position()) >= 0) {
                // read the half-written line, if any
            }
            return new Tail(complete, partial, last, beforeLast,
                    new String(rest.array(), 0, rest.position(), StandardCharsets.ISO_8859_1));
        }
    }

    private static Line readLine(FileChannel ch, long number) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(LINE_BYTES);
        long pos = (number - 1) * LINE_BYTES;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) {
                return null;
            }
        }
        String text = new String(buf.array(), StandardCharsets.US_ASCII);
        Line line = parse(text.substring(0, LINE_BYTES - 1));
        return text.charAt(LINE_BYTES - 1) == '\n' && line != null && line.seq() == number ? line : null;
    }

    /**
     * {@return the whole file, parsed line by line}
     *
     * @throws CairnException CORRUPT when the file is too large to be a chain of this size
     */
    Contents readAll(long maxLines) throws IOException {
        if (!Files.exists(file)) {
            return new Contents(List.of(), null);
        }
        long size = Files.size(file);
        if (size > (maxLines + 1) * LINE_BYTES + 4096) {
            throw new CairnException(CairnException.Kind.CORRUPT,
                    file + " holds " + size + " bytes, far more than the " + maxLines + " events the trail knows of");
        }
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        List<Line> lines = new ArrayList<>();
        int start = 0;
        while (true) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                break;
            }
            lines.add(parse(text.substring(start, nl)));
            start = nl + 1;
        }
        String partial = start < text.length() ? text.substring(start) : null;
        return new Contents(lines, partial);
    }

    private static Line parse(String text) {
        var m = LINE.matcher(text);
        return m.matches() ? new Line(Long.parseLong(m.group(1)), m.group(2)) : null;
    }
}
