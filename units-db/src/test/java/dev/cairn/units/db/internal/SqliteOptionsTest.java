package dev.cairn.units.db.internal;

import dev.cairn.framework.CairnException;
import dev.cairn.framework.ConfigView;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteOptionsTest {

    @Test
    void defaultsWhenNothingIsSet() {
        assertEquals(new SqliteOptions(5_000, 10_000, true, false), SqliteOptions.from(ConfigView.empty()));
    }

    @Test
    void readsEveryOption() {
        ConfigView config = ConfigView.of("db", Map.of("busy_timeout_ms", "250", "deadline_ms", "900",
                "page_aligned", "false", "quick_check", "true"));
        assertEquals(new SqliteOptions(250, 900, false, true), SqliteOptions.from(config));
    }

    @Test
    void nonNumericBusyTimeoutIsAConfigErrorNamingTheOption() {
        CairnException e = assertThrows(CairnException.class,
                () -> SqliteOptions.from(ConfigView.of("db", Map.of("busy_timeout_ms", "soon"))));
        assertEquals(CairnException.Kind.CONFIG, e.kind());
        assertTrue(e.getMessage().contains("db.busy_timeout_ms"), e.getMessage());
    }

    @Test
    void negativeBusyTimeoutIsAConfigErrorNamingTheOption() {
        CairnException e = assertThrows(CairnException.class,
                () -> SqliteOptions.from(ConfigView.of("db", Map.of("busy_timeout_ms", "-1"))));
        assertEquals(CairnException.Kind.CONFIG, e.kind());
        assertTrue(e.getMessage().contains("db.busy_timeout_ms is -1"), e.getMessage());
    }

    @Test
    void zeroDeadlineAndNonBooleanFlagsAreConfigErrors() {
        assertEquals(CairnException.Kind.CONFIG, assertThrows(CairnException.class,
                () -> SqliteOptions.from(ConfigView.of("db", Map.of("deadline_ms", "0")))).kind());
        CairnException flag = assertThrows(CairnException.class,
                () -> SqliteOptions.from(ConfigView.of("db", Map.of("quick_check", "yes"))));
        assertTrue(flag.getMessage().contains("quick_check"), flag.getMessage());
    }

    @Test
    void aBadOptionStopsTheUnitBeforeAnyDatabaseIsTouched() {
        CairnException e = assertThrows(CairnException.class, () -> new SqliteUnit().plan(dev.cairn.testkit.TestUnitContext
                .of("db", java.nio.file.Path.of("/nonexistent"), java.util.List.of("x.db"), java.nio.file.Path.of("/nonexistent"), null)
                .withConfig(ConfigView.of("db", Map.of("busy_timeout_ms", "5s")))));
        assertEquals(CairnException.Kind.CONFIG, e.kind());
    }
}
