package dev.cairn.units.models.internal;

/**
 * How many bytes of a model file's tensors hold 16-bit numbers, out of all its tensor bytes.
 *
 * @param words16Bytes bytes of fp16, bf16 and 16-bit integer tensors
 * @param totalBytes   bytes of all tensors
 */
record TensorCensus(long words16Bytes, long totalBytes) {

    /** {@return whether 16-bit tensors hold more than half of the tensor bytes} */
    boolean mostlyWords16() {
        return totalBytes > 0 && words16Bytes > totalBytes - words16Bytes;
    }
}
