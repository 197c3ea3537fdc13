package dev.cairn.units.models.internal;

import dev.cairn.framework.unit.InstallScanner;

import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Picks model data for {@code cairn init}: directories named {@code models} (or {@code model},
 * {@code weights}, {@code checkpoints}), each as a whole, and loose files with a model extension
 * ({@code .safetensors}, {@code .gguf}, {@code .onnx}, {@code .pt}, {@code .pth}, {@code .ckpt},
 * {@code .bin} dumps named after their precision such as {@code .f16.bin}, ...).
 */
final class ModelSuggestions implements InstallScanner.Filter {

    /** How deep below the install root to look. */
    static final int MAX_DEPTH = 4;

    private static final Set<String> MODEL_DIRS = Set.of("models", "model", "weights", "checkpoints");
    private static final List<String> MODEL_SUFFIXES = List.of(".safetensors", ".gguf", ".ggml", ".onnx", ".pt", ".pth",
            ".ckpt", ".h5", ".tflite", ".mlmodel", ".f32.bin", ".fp32.bin", ".q8.bin");

    @Override
    public InstallScanner.DirectoryDecision directory(String path, BasicFileAttributes attrs) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return MODEL_DIRS.contains(name) ? InstallScanner.DirectoryDecision.SUGGEST : InstallScanner.DirectoryDecision.DESCEND;
    }

    @Override
    public boolean file(String path, BasicFileAttributes attrs) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return MODEL_SUFFIXES.stream().anyMatch(name::endsWith) || WeightLayouts.RAW_WORDS16_SUFFIXES.stream().anyMatch(name::endsWith);
    }
}
