package dev.cairn.units.models.internal;

import dev.cairn.framework.unit.ChunkingPolicy.Layout;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * Decides the {@link Layout} of each model file. With the {@code layout} option at {@code auto}:
 * <ul>
 *   <li>{@code *.safetensors}: {@link Layout#WORDS16} when its header ({@link SafetensorsHeader}) says
 *       16-bit tensors (F16, BF16, I16, U16) hold more than half of the tensor bytes;</li>
 *   <li>{@code *.gguf}: the same from its header ({@link GgufHeader}; quantized GGUF files are
 *       {@link Layout#BYTES});</li>
 *   <li>raw dumps named {@code *.f16.bin}, {@code *.fp16.bin}, {@code *.bf16.bin}, {@code *.f16},
 *       {@code *.bf16}: {@link Layout#WORDS16};</li>
 *   <li>anything else (ONNX, PyTorch pickles, tokenizers, configs): {@link Layout#BYTES}.</li>
 * </ul>
 * A header that cannot be read is never fatal: the file is {@link Layout#BYTES}, and the reason is
 * logged at DEBUG. Only headers are read, without following symbolic links.
 */
final class WeightLayouts {

    private static final System.Logger LOG = System.getLogger(WeightLayouts.class.getName());

    /** Name endings of raw 16-bit weight dumps. */
    static final List<String> RAW_WORDS16_SUFFIXES = List.of(".f16.bin", ".fp16.bin", ".bf16.bin", ".f16", ".bf16");

    private final LayoutOption option;
    private final Path installRoot;

    WeightLayouts(LayoutOption option, Path installRoot) {
        this.option = option;
        this.installRoot = installRoot;
    }

    /** {@return the layout of the file at the install-relative {@code path}} */
    Layout layoutOf(String path) {
        return switch (option) {
            case WORDS16 -> Layout.WORDS16;
            case BYTES -> Layout.BYTES;
            case AUTO -> detect(path);
        };
    }

    private Layout detect(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (RAW_WORDS16_SUFFIXES.stream().anyMatch(name::endsWith)) {
            return Layout.WORDS16;
        }
        boolean safetensors = name.endsWith(".safetensors");
        if (!safetensors && !name.endsWith(".gguf")) {
            return Layout.BYTES;
        }
        try (SeekableByteChannel ch = Files.newByteChannel(installRoot.resolve(path), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            TensorCensus census = safetensors ? SafetensorsHeader.read(ch) : GgufHeader.read(ch);
            Layout layout = census.mostlyWords16() ? Layout.WORDS16 : Layout.BYTES;
            LOG.log(System.Logger.Level.DEBUG, () -> path + ": " + census.words16Bytes() + " of " + census.totalBytes()
                    + " tensor bytes are 16-bit; layout " + layout);
            return layout;
        } catch (MalformedHeaderException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> path + ": stored as bytes, its " + (safetensors ? "safetensors" : "GGUF")
                    + " header is malformed: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> path + ": stored as bytes, its header cannot be read: " + e);
        }
        return Layout.BYTES;
    }
}
