package dev.cairn.units.models.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Test support: model files built the way their formats specify, small enough for unit tests. */
final class ModelFiles {

    private ModelFiles() {
    }

    /** {@return {@code count} fp16 weights like a model's (normal, sigma 0.02), little-endian} */
    static byte[] halfWeights(long seed, int count) {
        Random r = new Random(seed);
        ByteBuffer b = ByteBuffer.allocate(count * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            b.putShort(Float.floatToFloat16((float) (r.nextGaussian() * 0.02)));
        }
        return b.array();
    }

    /** {@return a safetensors file holding the given tensors (name -> dtype and data), with metadata} */
    static byte[] safetensors(Map<String, Map.Entry<String, byte[]>> tensors) {
        StringBuilder json = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (var t : tensors.entrySet()) {
            int begin = data.size();
            data.writeBytes(t.getValue().getValue());
            json.append(",\"").append(t.getKey()).append("\":{\"dtype\":\"").append(t.getValue().getKey())
                    .append("\",\"shape\":[").append(t.getValue().getValue().length).append("],\"data_offsets\":[")
                    .append(begin).append(',').append(data.size()).append("]}");
        }
        json.append('}');
        while ((json.length() + 8) % 8 != 0) {
            json.append(' ');   // writers pad the header with spaces so the data is aligned
        }
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + header.length + data.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(header.length).put(header).put(data.toByteArray());
        return out.array();
    }

    /** {@return a one-tensor safetensors file of fp16 weights} */
    static byte[] fp16Safetensors(long seed, int weights) {
        Map<String, Map.Entry<String, byte[]>> t = new LinkedHashMap<>();
        t.put("layer.0.weight", Map.entry("F16", halfWeights(seed, weights / 2)));
        t.put("layer.1.weight", Map.entry("F16", halfWeights(seed + 1, weights - weights / 2)));
        return safetensors(t);
    }

    /** A tensor of a GGUF file: ggml type and data. */
    record GgufTensor(String name, int type, long elements, byte[] data) { }

    /** {@return a GGUF version 3 file with some metadata (a string, an array of strings, the alignment) and the tensors} */
    static byte[] gguf(int alignment, GgufTensor... tensors) {
        Le w = new Le();
        w.raw("GGUF".getBytes(StandardCharsets.US_ASCII)).u32(3).u64(tensors.length).u64(3);
        w.str("general.architecture").u32(8).str("llama");
        w.str("tokenizer.ggml.tokens").u32(9).u32(8).u64(3).str("<s>").str("hello").str("world");
        w.str("general.alignment").u32(4).u32(alignment);
        long offset = 0;
        long[] offsets = new long[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            offsets[i] = offset;
            offset = align(offset + tensors[i].data().length, alignment);
        }
        for (int i = 0; i < tensors.length; i++) {
            w.str(tensors[i].name()).u32(1).u64(tensors[i].elements()).u32(tensors[i].type()).u64(offsets[i]);
        }
        while (w.size() % alignment != 0) {
            w.raw(new byte[1]);
        }
        for (int i = 0; i < tensors.length; i++) {
            w.raw(tensors[i].data());
            while (i + 1 < tensors.length && w.size() % alignment != 0) {
                w.raw(new byte[1]);
            }
        }
        return w.bytes();
    }

    private static long align(long v, int alignment) {
        return (v + alignment - 1) / alignment * alignment;
    }

    /** Little-endian writer. */
    private static final class Le {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Le raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Le u32(long v) {
            return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
        }

        Le u64(long v) {
            return raw(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
        }

        Le str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return u64(b.length).raw(b);
        }

        int size() {
            return out.size();
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
