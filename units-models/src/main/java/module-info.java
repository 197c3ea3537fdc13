/**
 * The {@code models} backup unit: AI model files of an install (safetensors, GGUF, ONNX, PyTorch
 * checkpoints, raw weight dumps) with their modes, cut into the repository's content-defined chunks.
 * Files whose weights are 16-bit numbers (fp16, bf16, int16), told by the format's own header or by
 * the name of a raw dump, are marked {@code WORDS16} so the engine compresses their byte planes
 * ({@code layout} option).
 *
 * @provides dev.cairn.framework.unit.BackupUnit the {@code models} unit
 */
module dev.cairn.units.models {
    requires dev.cairn.framework;
    requires com.fasterxml.jackson.core;

    provides dev.cairn.framework.unit.BackupUnit with dev.cairn.units.models.internal.ModelsUnit;
}
