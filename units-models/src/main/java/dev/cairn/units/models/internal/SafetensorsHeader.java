package dev.cairn.units.models.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.util.Set;

/**
 * Reads the header of a safetensors file: an unsigned 64-bit little-endian length {@code n}, then
 * {@code n} bytes of JSON mapping each tensor's name to {@code {"dtype", "shape", "data_offsets":
 * [begin, end]}} (offsets relative to the data after the header), plus an optional
 * {@code "__metadata__"} object of strings. Only the header is read, never the tensor data.
 */
final class SafetensorsHeader {

    /** The largest header the format allows (100 MB). */
    static final long MAX_HEADER = 100_000_000L;

    /** The dtypes whose elements are 16-bit numbers. */
    static final Set<String> WORDS16_DTYPES = Set.of("F16", "BF16", "I16", "U16");

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private SafetensorsHeader() {
    }

    /**
     * {@return the tensor bytes by kind, from the header of {@code file}}
     *
     * @param file an open channel on the file, positioned anywhere
     * @throws MalformedHeaderException when the header is not valid safetensors
     * @throws IOException              when the file cannot be read
     */
    static TensorCensus read(SeekableByteChannel file) throws IOException, MalformedHeaderException {
        long size = file.size();
        if (size < 8) {
            throw new MalformedHeaderException("file of " + size + " bytes is shorter than the 8-byte header length");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        file.position(0);
        while (lengthBytes.hasRemaining()) {
            if (file.read(lengthBytes) < 0) {
                throw new MalformedHeaderException("file ends inside the header length");
            }
        }
        long headerLength = lengthBytes.flip().getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER || headerLength > size - 8) {
            throw new MalformedHeaderException("header length " + Long.toUnsignedString(headerLength) + " is outside 2.."
                    + Math.min(MAX_HEADER, size - 8));
        }
        long dataSize = size - 8 - headerLength;
        InputStream json = new java.io.FilterInputStream(Channels.newInputStream(file)) {
            private long left = headerLength;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int r = in.read(b, off, (int) Math.min(len, left));
                if (r > 0) {
                    left -= r;
                }
                return r;
            }
        };
        try (JsonParser p = JSON.createParser(json)) {
            return census(p, dataSize);
        } catch (JsonProcessingException e) {
            throw new MalformedHeaderException("header is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static TensorCensus census(JsonParser p, long dataSize) throws IOException, MalformedHeaderException {
        expect(p.nextToken() == JsonToken.START_OBJECT, "header is not a JSON object");
        long words16 = 0;
        long total = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("__metadata__")) {
                expect(value == JsonToken.START_OBJECT, "__metadata__ is not an object");
                p.skipChildren();
                continue;
            }
            expect(value == JsonToken.START_OBJECT, "tensor '" + name + "' is not an object");
            String dtype = null;
            long begin = -1;
            long end = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "dtype" -> {
                        expect(t == JsonToken.VALUE_STRING, "dtype of '" + name + "' is not a string");
                        dtype = p.getText();
                    }
                    case "data_offsets" -> {
                        expect(t == JsonToken.START_ARRAY, "data_offsets of '" + name + "' is not an array");
                        begin = offset(p, name);
                        end = offset(p, name);
                        expect(p.nextToken() == JsonToken.END_ARRAY, "data_offsets of '" + name + "' has more than two numbers");
                    }
                    default -> p.skipChildren();
                }
            }
            expect(dtype != null && begin >= 0, "tensor '" + name + "' lacks dtype or data_offsets");
            expect(begin <= end && end <= dataSize, "tensor '" + name + "' spans " + begin + ".." + end
                    + ", outside the " + dataSize + " data bytes");
            long bytes = end - begin;
            total += bytes;
            if (WORDS16_DTYPES.contains(dtype)) {
                words16 += bytes;
            }
        }
        expect(p.currentToken() == JsonToken.END_OBJECT, "header object is not closed");
        expect(p.nextToken() == null, "the header has more after its JSON object");
        return new TensorCensus(words16, total);
    }

    private static long offset(JsonParser p, String tensor) throws IOException, MalformedHeaderException {
        expect(p.nextToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER,
                "data_offsets of '" + tensor + "' are not two integers");
        long v = p.getLongValue();
        expect(v >= 0, "data_offsets of '" + tensor + "' are negative");
        return v;
    }

    private static void expect(boolean condition, String problem) throws MalformedHeaderException {
        if (!condition) {
            throw new MalformedHeaderException(problem);
        }
    }
}
