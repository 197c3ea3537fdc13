package dev.cairn.units.models.internal;

import dev.cairn.framework.CairnException;
import dev.cairn.framework.ConfigView;
import dev.cairn.framework.unit.BackupUnit;
import dev.cairn.framework.unit.ChunkingPolicy;
import dev.cairn.framework.unit.ChunkingPolicy.Layout;
import dev.cairn.framework.unit.Item;
import dev.cairn.framework.unit.ItemSink;
import dev.cairn.framework.unit.UnitOutcome;
import dev.cairn.testkit.BackupUnitContract;
import dev.cairn.testkit.RecordingSink;
import dev.cairn.testkit.TestUnitContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelsUnitTest implements BackupUnitContract {

    @TempDir
    Path dir;

    @Override
    public BackupUnit newUnit() {
        return new ModelsUnit();
    }

    @Override
    public List<String> populateInstall(Path root) throws IOException {
        Files.createDirectories(root.resolve("models/llm"));
        Files.write(root.resolve("models/llm/model.safetensors"), ModelFiles.fp16Safetensors(1, 20_000));
        Files.writeString(root.resolve("models/llm/config.json"), "{\"hidden_size\": 64}\n");
        Files.write(root.resolve("models/base.f16.bin"), ModelFiles.halfWeights(2, 30_000));
        return List.of("models");
    }

    /** Every kind of file {@link WeightLayouts} tells apart, with the layout {@code auto} must give it. */
    private Map<String, Layout> installWithEveryKind(Path root) throws IOException {
        Map<String, Layout> expected = new TreeMap<>();
        Path m = Files.createDirectories(root.resolve("models"));
        Files.write(m.resolve("base.f16.bin"), ModelFiles.halfWeights(1, 5_000));
        expected.put("models/base.f16.bin", Layout.WORDS16);
        Files.write(m.resolve("dump.BF16"), ModelFiles.halfWeights(2, 5_000));
        expected.put("models/dump.BF16", Layout.WORDS16);
        Files.write(m.resolve("fp16.safetensors"), ModelFiles.fp16Safetensors(3, 8_000));
        expected.put("models/fp16.safetensors", Layout.WORDS16);

        Map<String, Map.Entry<String, byte[]>> mixed = new LinkedHashMap<>();
        mixed.put("embed", Map.entry("BF16", new byte[6_000]));
        mixed.put("norm", Map.entry("F32", new byte[4_000]));
        Files.write(m.resolve("mixed-bf16.safetensors"), ModelFiles.safetensors(mixed));
        expected.put("models/mixed-bf16.safetensors", Layout.WORDS16);

        Map<String, Map.Entry<String, byte[]>> fp32 = new LinkedHashMap<>();
        fp32.put("embed", Map.entry("F32", new byte[8_000]));
        fp32.put("small", Map.entry("F16", new byte[2_000]));
        Files.write(m.resolve("fp32.safetensors"), ModelFiles.safetensors(fp32));
        expected.put("models/fp32.safetensors", Layout.BYTES);

        byte[] garbage = new byte[10_000];
        new Random(4).nextBytes(garbage);
        Files.write(m.resolve("garbage.safetensors"), garbage);
        expected.put("models/garbage.safetensors", Layout.BYTES);
        byte[] badJson = ModelFiles.fp16Safetensors(5, 1_000);
        badJson[20] = '{';
        Files.write(m.resolve("bad-json.safetensors"), badJson);
        expected.put("models/bad-json.safetensors", Layout.BYTES);
        byte[] outside = ModelFiles.fp16Safetensors(6, 1_000);
        Files.write(m.resolve("truncated-data.safetensors"), java.util.Arrays.copyOf(outside, outside.length - 10));
        expected.put("models/truncated-data.safetensors", Layout.BYTES);

        Files.write(m.resolve("f16.gguf"), ModelFiles.gguf(32,
                new ModelFiles.GgufTensor("tok_embd", 1, 3_000, ModelFiles.halfWeights(7, 3_000)),
                new ModelFiles.GgufTensor("norm", 0, 10, new byte[40])));
        expected.put("models/f16.gguf", Layout.WORDS16);
        Files.write(m.resolve("q4.gguf"), ModelFiles.gguf(64,
                new ModelFiles.GgufTensor("tok_embd", 2, 4_096, new byte[4_096 / 32 * 18]),
                new ModelFiles.GgufTensor("out", 1, 100, new byte[200])));
        expected.put("models/q4.gguf", Layout.BYTES);
        byte[] gguf = ModelFiles.gguf(32, new ModelFiles.GgufTensor("w", 1, 2_000, new byte[4_000]));
        Files.write(m.resolve("cut.gguf"), java.util.Arrays.copyOf(gguf, 60));
        expected.put("models/cut.gguf", Layout.BYTES);

        Files.writeString(m.resolve("config.json"), "{\"torch_dtype\": \"float16\"}\n");
        expected.put("models/config.json", Layout.BYTES);
        Files.write(m.resolve("model.onnx"), ModelFiles.halfWeights(8, 1_000));
        expected.put("models/model.onnx", Layout.BYTES);
        return expected;
    }

    private TestUnitContext ctx(Path root, ItemSink sink, Map<String, String> options, String... paths) throws IOException {
        return new TestUnitContext("models", root, List.of(paths), List.of(), ConfigView.of("models", options), () -> false,
                Files.createDirectories(dir.resolve("scratch")), sink);
    }

    private Map<String, Layout> layouts(RecordingSink sink) {
        Map<String, Layout> out = new TreeMap<>();
        for (RecordingSink.Recorded r : sink.items().values()) {
            if (r.item() instanceof Item.File f) {
                assertEquals(ChunkingPolicy.Kind.FINE_CONTENT_DEFINED, f.chunking().kind(), "fine chunks, not large ones: " + f.path());
                assertFalse(f.appendOnly());
                out.put(f.path(), f.chunking().layout());
            }
        }
        return out;
    }

    @Test
    void isFoundByServiceLoader() {
        assertTrue(ServiceLoader.load(BackupUnit.class).stream().anyMatch(p -> p.type() == ModelsUnit.class));
    }

    @Test
    void layoutIsDecidedPerFileFromTheHeaderOrTheNameAndBadHeadersAreBytes() throws IOException {
        Path root = Files.createDirectories(dir.resolve("install"));
        Map<String, Layout> expected = installWithEveryKind(root);
        RecordingSink sink = new RecordingSink(true);

        UnitOutcome outcome = newUnit().backup(ctx(root, sink, Map.of(), "models"));

        assertEquals(new UnitOutcome.Succeeded(expected.size() + 1), outcome);
        assertEquals(expected, layouts(sink));
        assertTrue(sink.issues().isEmpty(), "a malformed header is not an issue: " + sink.issues());
        for (String path : expected.keySet()) {
            assertArrayEquals(Files.readAllBytes(root.resolve(path)), sink.items().get(path).content(), "streamed unchanged: " + path);
        }
    }

    @Test
    void layoutOptionOverridesEveryFile() throws IOException {
        Path root = Files.createDirectories(dir.resolve("install"));
        installWithEveryKind(root);
        for (var option : Map.of("words16", Layout.WORDS16, " BYTES ", Layout.BYTES).entrySet()) {
            RecordingSink sink = new RecordingSink(false);
            newUnit().backup(ctx(root, sink, Map.of("layout", option.getKey()), "models"));
            Map<String, Layout> seen = layouts(sink);
            assertFalse(seen.isEmpty());
            seen.forEach((path, layout) -> assertEquals(option.getValue(), layout, option.getKey() + " for " + path));
        }
        RecordingSink auto = new RecordingSink(false);
        newUnit().backup(ctx(root, auto, Map.of("layout", "auto"), "models/fp32.safetensors", "models/base.f16.bin"));
        assertEquals(Map.of("models/base.f16.bin", Layout.WORDS16, "models/fp32.safetensors", Layout.BYTES), layouts(auto));
    }

    @Test
    void invalidLayoutOptionIsAConfigErrorNamingTheOption() throws IOException {
        Path root = Files.createDirectories(dir.resolve("install"));
        populateInstall(root);
        for (String bad : List.of("fp16", "", "words32")) {
            RecordingSink sink = new RecordingSink(false);
            CairnException e = assertThrows(CairnException.class, () -> newUnit().backup(ctx(root, sink, Map.of("layout", bad), "models")));
            assertEquals(CairnException.Kind.CONFIG, e.kind());
            assertTrue(e.getMessage().startsWith("option models.layout is '" + bad + "'"), e.getMessage());
            assertTrue(sink.items().isEmpty());
            assertThrows(CairnException.class, () -> newUnit().plan(ctx(root, sink, Map.of("layout", bad), "models")));
        }
    }

    @Test
    void safetensorsAndGgufHeadersThatAreCutAnywhereAreMalformedNotErrors() throws Exception {
        byte[] safetensors = ModelFiles.fp16Safetensors(9, 200);
        byte[] gguf = ModelFiles.gguf(32, new ModelFiles.GgufTensor("w", 1, 100, new byte[200]));
        Path probe = dir.resolve("probe");
        for (int len = 0; len < 400; len++) {
            Files.write(probe, java.util.Arrays.copyOf(safetensors, Math.min(len, safetensors.length - 200)));
            assertThrows(MalformedHeaderException.class, () -> read(probe, true), "safetensors cut to " + probe.toFile().length());
            if (len < gguf.length - 200) {
                Files.write(probe, java.util.Arrays.copyOf(gguf, len));
                assertThrows(MalformedHeaderException.class, () -> read(probe, false), "gguf cut to " + len);
            }
        }
        Files.write(probe, gguf);
        assertEquals(new TensorCensus(200, 200), read(probe, false));
        byte[] hugeCount = gguf.clone();
        ByteBuffer.wrap(hugeCount).order(ByteOrder.LITTLE_ENDIAN).putLong(8, Long.MAX_VALUE / 3);
        Files.write(probe, hugeCount);
        assertThrows(MalformedHeaderException.class, () -> read(probe, false));
        byte[] version1 = gguf.clone();
        version1[4] = 1;
        Files.write(probe, version1);
        assertTrue(assertThrows(MalformedHeaderException.class, () -> read(probe, false)).getMessage().contains("version 1"));
        Files.write(probe, "GGUF".getBytes(StandardCharsets.US_ASCII));
        assertThrows(MalformedHeaderException.class, () -> read(probe, false));
    }

    private static TensorCensus read(Path file, boolean safetensors) throws IOException, MalformedHeaderException {
        try (var ch = Files.newByteChannel(file)) {
            return safetensors ? SafetensorsHeader.read(ch) : GgufHeader.read(ch);
        }
    }

    @Test
    void suggestsModelDirectoriesAndLooseModelFiles() throws IOException {
        Path root = Files.createDirectories(dir.resolve("install"));
        Files.createDirectories(root.resolve("models/llm"));
        Files.createDirectories(root.resolve("app/data"));
        Files.writeString(root.resolve("app/data/embedder.onnx"), "x");
        Files.writeString(root.resolve("app/data/lora.F16.bin"), "x");
        Files.writeString(root.resolve("app/data/notes.txt"), "x");
        Files.writeString(root.resolve("app/data/blob.bin"), "x");
        Files.writeString(root.resolve("tiny.gguf"), "x");
        assertEquals(List.of("app/data/embedder.onnx", "app/data/lora.F16.bin", "models", "tiny.gguf"), newUnit().suggest(root));
    }
}
