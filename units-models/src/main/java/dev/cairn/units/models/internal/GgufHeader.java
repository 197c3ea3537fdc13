package dev.cairn.units.models.internal;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the header of a GGUF file (versions 2 and 3, little-endian): magic {@code GGUF}, u32 version,
 * u64 tensor count, u64 metadata count, the metadata key/value pairs, then per tensor its name, u32
 * dimension count, u64 dimensions, u32 ggml type and u64 offset into the tensor data, which starts at
 * the next multiple of {@code general.alignment} (default 32) after the header.
 *
 * <p>A tensor's byte count is taken from the offsets (the distance to the next tensor, or to the end
 * of the file for the last), so quantized block types need no size table. ggml types 1 (F16),
 * 25 (I16) and 30 (BF16) are 16-bit. Version 1 (32-bit counts) and big-endian files are not read.
 * Only the header is read, never the tensor data.
 */
final class GgufHeader {

    private static final byte[] MAGIC = {'G', 'G', 'U', 'F'};
    private static final int DEFAULT_ALIGNMENT = 32;
    private static final int TYPE_F16 = 1;
    private static final int TYPE_I16 = 25;
    private static final int TYPE_BF16 = 30;
    private static final int MAX_DIMS = 8;
    private static final int MAX_ARRAY_NESTING = 4;
    private static final long MAX_KEY = 65_535;
    /** More tensors than any real model has; a larger count is taken as damage, not allocated. */
    private static final long MAX_TENSORS = 1_000_000;

    private GgufHeader() {
    }

    /** {@return whether {@code first4} are the GGUF magic} */
    static boolean hasMagic(byte[] first4) {
        return first4.length >= 4 && Arrays.equals(first4, 0, 4, MAGIC, 0, 4);
    }

    /**
     * {@return the tensor bytes by kind, from the header of {@code file}}
     *
     * @throws MalformedHeaderException when the header is not valid GGUF 2 or 3
     * @throws IOException              when the file cannot be read
     */
    static TensorCensus read(SeekableByteChannel file) throws IOException, MalformedHeaderException {
        long size = file.size();
        file.position(0);
        Reader r = new Reader(new BufferedInputStream(Channels.newInputStream(file), 1 << 16), size);
        try {
            byte[] magic = r.bytes(4);
            if (!hasMagic(magic)) {
                throw new MalformedHeaderException("no GGUF magic");
            }
            long version = r.u32();
            if (version != 2 && version != 3) {
                throw new MalformedHeaderException("GGUF version " + version + " is not read (2 and 3 are)");
            }
            long tensors = r.count("tensor count");
            if (tensors > MAX_TENSORS) {
                throw new MalformedHeaderException("tensor count " + tensors + " is above " + MAX_TENSORS);
            }
            long pairs = r.count("metadata count");
            long alignment = DEFAULT_ALIGNMENT;
            for (long i = 0; i < pairs; i++) {
                String key = r.string(MAX_KEY, "metadata key");
                int type = (int) r.u32();
                if (key.equals("general.alignment")) {
                    if (type != 4) {
                        throw new MalformedHeaderException("general.alignment is not a u32");
                    }
                    alignment = r.u32();
                    if (alignment == 0 || Long.bitCount(alignment) != 1) {
                        throw new MalformedHeaderException("general.alignment " + alignment + " is not a power of two");
                    }
                } else {
                    r.skipValue(type, 0);
                }
            }
            long[] offsets = new long[(int) tensors];
            boolean[] words16 = new boolean[offsets.length];
            for (int t = 0; t < offsets.length; t++) {
                r.skip(r.u64len(MAX_KEY, "tensor name"));
                long dims = r.u32();
                if (dims > MAX_DIMS) {
                    throw new MalformedHeaderException("tensor " + t + " has " + dims + " dimensions");
                }
                r.skip(8 * dims);
                long type = r.u32();
                offsets[t] = r.u64();
                words16[t] = type == TYPE_F16 || type == TYPE_BF16 || type == TYPE_I16;
            }
            long dataStart = (r.position() + alignment - 1) / alignment * alignment;
            if (dataStart > size) {
                throw new MalformedHeaderException("tensor data would start at " + dataStart + ", after the end of the file");
            }
            return census(offsets, words16, size - dataStart);
        } catch (EOFException e) {
            throw new MalformedHeaderException("file ends inside the GGUF header", e);
        }
    }

    /** Sizes each tensor as the distance to the next offset in the data. */
    private static TensorCensus census(long[] offsets, boolean[] words16, long dataSize) throws MalformedHeaderException {
        Integer[] order = new Integer[offsets.length];
        for (int i = 0; i < order.length; i++) {
            if (offsets[i] < 0 || offsets[i] > dataSize) {
                throw new MalformedHeaderException("tensor " + i + " starts at " + Long.toUnsignedString(offsets[i])
                        + ", outside the " + dataSize + " data bytes");
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(offsets[a], offsets[b]));
        long w = 0;
        long total = 0;
        for (int k = 0; k < order.length; k++) {
            long end = k + 1 < order.length ? offsets[order[k + 1]] : dataSize;
            long bytes = end - offsets[order[k]];
            total += bytes;
            if (words16[order[k]]) {
                w += bytes;
            }
        }
        return new TensorCensus(w, total);
    }

    /** Little-endian reads with a position, bounded by the file size so crafted counts fail fast. */
    private static final class Reader {
        private final InputStream in;
        private final long size;
        private long position;

        Reader(InputStream in, long size) {
            this.in = in;
            this.size = size;
        }

        long position() {
            return position;
        }

        byte[] bytes(int n) throws IOException {
            byte[] b = in.readNBytes(n);
            if (b.length < n) {
                throw new EOFException();
            }
            position += n;
            return b;
        }

        long u32() throws IOException {
            byte[] b = bytes(4);
            return (b[0] & 0xffL) | (b[1] & 0xffL) << 8 | (b[2] & 0xffL) << 16 | (b[3] & 0xffL) << 24;
        }

        long u64() throws IOException {
            return u32() | u32() << 32;
        }

        /** A u64 count of items that take at least one byte each, so no more than the bytes left. */
        long count(String what) throws IOException, MalformedHeaderException {
            long n = u64();
            if (n < 0 || n > size - position) {
                throw new MalformedHeaderException(what + " " + Long.toUnsignedString(n) + " exceeds the file");
            }
            return n;
        }

        /** A u64 length of at most {@code max} bytes that fit in the file. */
        long u64len(long max, String what) throws IOException, MalformedHeaderException {
            long n = u64();
            if (n < 0 || n > max || n > size - position) {
                throw new MalformedHeaderException(what + " of " + Long.toUnsignedString(n) + " bytes is too long");
            }
            return n;
        }

        String string(long max, String what) throws IOException, MalformedHeaderException {
            return new String(bytes((int) u64len(max, what)), StandardCharsets.UTF_8);
        }

        void skip(long n) throws IOException {
            if (n > size - position) {
                throw new EOFException();
            }
            in.skipNBytes(n);
            position += n;
        }

        void skipValue(int type, int nesting) throws IOException, MalformedHeaderException {
            switch (type) {
                case 0, 1, 7 -> skip(1);
                case 2, 3 -> skip(2);
                case 4, 5, 6 -> skip(4);
                case 10, 11, 12 -> skip(8);
                case 8 -> skip(u64len(Long.MAX_VALUE, "string"));
                case 9 -> {
                    if (nesting >= MAX_ARRAY_NESTING) {
                        throw new MalformedHeaderException("arrays nested deeper than " + MAX_ARRAY_NESTING);
                    }
                    int element = (int) u32();
                    long n = count("array length");
                    int width = switch (element) {
                        case 0, 1, 7 -> 1;
                        case 2, 3 -> 2;
                        case 4, 5, 6 -> 4;
                        case 10, 11, 12 -> 8;
                        case 8, 9 -> 0;
                        default -> throw new MalformedHeaderException("unknown array element type " + element);
                    };
                    if (width > 0) {
                        skip(Math.multiplyHigh(n, width) != 0 ? Long.MAX_VALUE : n * width);
                    } else {
                        for (long i = 0; i < n; i++) {
                            skipValue(element, nesting + 1);
                        }
                    }
                }
                default -> throw new MalformedHeaderException("unknown metadata value type " + type);
            }
        }
    }
}
