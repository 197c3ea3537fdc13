package dev.cairn.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code models} unit through the real distribution: a safetensors file of fp16 tensors, a raw
 * {@code .f16.bin} dump, a {@code .safetensors} file whose header is garbage and a config file are
 * backed up, verified and restored byte-identical; the repository written with the default layout
 * ({@code auto}: byte planes for the 16-bit weights) is smaller than with {@code layout = bytes}.
 */
class ModelsIT {

    private static final List<String> FILES = List.of("models/llm/model.safetensors", "models/base.f16.bin",
            "models/broken.safetensors", "models/llm/config.json");

    @Test
    void modelFilesRestoreByteIdenticalAndSixteenBitWeightsTakeLessRoom(@TempDir Path dir) throws Exception {
        Path install = dir.resolve("install");
        Files.createDirectories(install.resolve("models/llm"));
        Files.write(install.resolve("models/llm/model.safetensors"), safetensors(halfWeights(1, 400_000), halfWeights(2, 300_000)));
        Files.write(install.resolve("models/base.f16.bin"), halfWeights(3, 700_001));
        byte[] garbage = new byte[300_000];
        new Random(4).nextBytes(garbage);
        Files.write(install.resolve("models/broken.safetensors"), garbage);
        Files.writeString(install.resolve("models/llm/config.json"), "{\"torch_dtype\": \"float16\"}\n");

        long auto = backupRestoreAndMeasure(dir, install, "auto");
        long bytes = backupRestoreAndMeasure(dir, install, "bytes");
        // zstd saves ~8% on such fp16 weights, byte planes ~16%: of the ~1.8 MB here, about 5% of the repository
        assertTrue(auto < bytes - bytes / 25, "repository with byte planes " + auto + " bytes vs plain " + bytes);
    }

    @Test
    void initSuggestsTheModelsUnitForAModelsDirectory(@TempDir Path dir) throws Exception {
        Path install = dir.resolve("install");
        Files.createDirectories(install.resolve("models"));
        Files.write(install.resolve("models/base.f16.bin"), halfWeights(5, 10_000));
        Files.createDirectories(install.resolve("uploads"));
        Files.writeString(install.resolve("uploads/a.txt"), "a\n");
        Cli cli = new Cli(Cli.dist(), dir.resolve("home")).env("CAIRN_PASSWORD", "pw").env("CAIRN_REPOSITORY", dir.resolve("repo").toString());
        Path profile = dir.resolve("suggested.json");
        cli.run("init", "--install", install.toString(), "--profile-out", profile.toString()).expect(0);
        String json = Files.readString(profile);
        assertTrue(json.replaceAll("\\s", "").contains("{\"id\":\"models\",\"enabled\":true,\"paths\":[\"models\"]"), json);
    }

    /** {@return the size of the repository's data after one backup with {@code layout}, once restored and compared} */
    private static long backupRestoreAndMeasure(Path dir, Path install, String layout) throws Exception {
        Path repo = dir.resolve("repo-" + layout);
        Cli cli = new Cli(Cli.dist(), dir.resolve("home-" + layout)).env("CAIRN_PASSWORD", "pw").env("CAIRN_REPOSITORY", repo.toString());
        Path profile = dir.resolve("profile-" + layout + ".json");
        Files.writeString(profile, """
                {"schema": "cairn-install-profile/1", "name": "models", "install_root": "%s",
                 "units": [{"id": "models", "paths": ["models"], "options": {"layout": "%s"}}]}
                """.formatted(install, layout));
        cli.run("init").expect(0);
        String out = cli.run("backup", "--profile", profile.toString()).expect(0).out();
        assertTrue(out.matches("(?s).*models\\s+succeeded\\s+6 items.*"), out);
        cli.run("verify", "--read-data").expect(0);
        Path target = dir.resolve("restored-" + layout);
        cli.run("restore", "latest", "--target", target.toString()).expect(0);
        for (String file : FILES) {
            assertArrayEquals(Files.readAllBytes(install.resolve(file)), Files.readAllBytes(target.resolve(file)), layout + ": " + file);
        }
        try (Stream<Path> packs = Files.walk(repo.resolve("data"))) {
            return packs.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** fp16 weights drawn from N(0, 0.02), little-endian; an odd {@code bytes} ends with one extra byte. */
    private static byte[] halfWeights(long seed, int bytes) {
        Random r = new Random(seed);
        ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        while (b.remaining() >= 2) {
            b.putShort(Float.floatToFloat16((float) (r.nextGaussian() * 0.02)));
        }
        if (b.hasRemaining()) {
            b.put((byte) 7);
        }
        return b.array();
    }

    /** A safetensors file: u64 header length, JSON header (padded with spaces), the tensors' bytes. */
    private static byte[] safetensors(byte[] first, byte[] second) {
        String json = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a.weight\":{\"dtype\":\"F16\",\"shape\":[" + first.length / 2 + "],\"data_offsets\":[0," + first.length + "]},"
                + "\"b.weight\":{\"dtype\":\"F16\",\"shape\":[" + second.length / 2 + "],\"data_offsets\":[" + first.length + ","
                + (first.length + second.length) + "]}}";
        json = json + " ".repeat((8 - json.length() % 8) % 8);
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
        out.writeBytes(header);
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
