package dev.cairn.bench.compare;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host-memory option is parsed, defaults to auto, and leaves the machine alone when asked to. */
class HostMemoryTest {

    @Test
    void theOptionReachesTheSettingsAndDefaultsToAuto() {
        assertEquals("auto", CompareSettings.parse(new String[0], Path.of("cairn")).hostMemory());
        assertEquals("as-is", CompareSettings.parse(new String[] {"--host-memory", "as-is"}, Path.of("cairn")).hostMemory());
    }

    @Test
    void asIsChangesNothingAndSaysSo() throws Exception {
        try (HostMemory memory = HostMemory.choose("as-is")) {
            assertTrue(memory.description().contains("as-is"), memory.description());
        }
    }

    @Test
    void anUnknownModeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostMemory.choose("off"));
        assertTrue(e.getMessage().contains("--host-memory must be auto, hold or as-is"), e.getMessage());
    }
}
