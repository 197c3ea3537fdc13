package dev.cairn.bench.compare;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host-memory option is parsed, defaults to auto, and leaves the machine alone when asked to. */
class HostMemoryTest {

    @TempDir
    Path tmp;

    @Test
    void theOptionReachesTheSettingsAndDefaultsToAuto() {
        assertEquals("auto", CompareSettings.parse(new String[0], Path.of("cairn")).hostMemory());
        assertEquals("as-is", CompareSettings.parse(new String[] {"--host-memory", "as-is"}, Path.of("cairn")).hostMemory());
    }

    @Test
    void asIsChangesNothingAndSaysSo() throws Exception {
        try (HostMemory memory = HostMemory.choose("as-is", tmp)) {
            assertTrue(memory.description().contains("as-is"), memory.description());
        }
    }

    @Test
    void anUnknownModeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostMemory.choose("off", tmp));
        assertTrue(e.getMessage().contains("--host-memory must be auto, hold or as-is"), e.getMessage());
    }

    @Test
    void holdingPausesTheReportingNotesTheValueAndPutsItBack() throws Exception {
        Path order = Files.writeString(tmp.resolve("page_reporting_order"), "5\n");
        Path note = tmp.resolve("host-memory.previous");
        try (HostMemory memory = HostMemory.choose("hold", order, note, 0)) {
            assertEquals("11", Files.readString(order));
            assertEquals("5", Files.readString(note));
            assertTrue(memory.description().contains("page_reporting_order 5 -> 11"), memory.description());
        }
        assertEquals("5", Files.readString(order));
        assertFalse(Files.exists(note), "the note goes once the setting is back");
    }

    @Test
    void aRunKilledBeforePuttingTheSettingBackIsRepairedByTheNext() throws Exception {
        Path order = Files.writeString(tmp.resolve("page_reporting_order"), "11\n");
        Path note = Files.writeString(tmp.resolve("host-memory.previous"), "5");   // what the killed run left
        try (HostMemory memory = HostMemory.choose("auto", order, note, 0)) {
            assertEquals("11", Files.readString(order));
            assertTrue(memory.description().contains("noted by a run that ended without putting it back"), memory.description());
        }
        assertEquals("5", Files.readString(order), "the noted value, not the paused one found");
    }

    @Test
    void reportingPausedBeforeWithoutANoteIsLeftPaused() throws Exception {
        Path order = Files.writeString(tmp.resolve("page_reporting_order"), "11\n");
        try (HostMemory memory = HostMemory.choose("hold", order, tmp.resolve("host-memory.previous"), 0)) {
            assertTrue(memory.description().contains("by something else: left so"), memory.description());
        }
        assertEquals("11", Files.readString(order));
    }

    @Test
    void holdFailsWhereThereIsNoSettingAndAutoLeavesTheMachineAlone() throws Exception {
        Path missing = tmp.resolve("no-such-setting");
        java.io.IOException e = assertThrows(java.io.IOException.class,
                () -> HostMemory.choose("hold", missing, tmp.resolve("note"), 0));
        assertTrue(e.getMessage().contains("cannot pause free page reporting"), e.getMessage());
        try (HostMemory memory = HostMemory.choose("auto", missing, tmp.resolve("note"), 0)) {
            assertTrue(memory.description().contains("as the machine has it"), memory.description());
        }
        assertFalse(Files.exists(missing));
    }
}
