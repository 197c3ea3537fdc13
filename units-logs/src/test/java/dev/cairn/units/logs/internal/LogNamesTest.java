package dev.cairn.units.logs.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogNamesTest {

    @Test
    void activeLogsAreTheUncompressedUnrotatedOnes() {
        for (String active : List.of("app.log", "APP.LOG", "access_log", "catalina.out", "app-2026-01-01.log")) {
            assertTrue(LogNames.isActive(active), active);
            assertTrue(LogNames.isLog(active), active);
        }
        for (String rotated : List.of("app.log.1", "app.log.12.gz", "app.log.gz", "app.log-20260101", "access_log.2026-01-01",
                "app.log.2026-01-01T10.xz", "catalina.out.3.zst")) {
            assertFalse(LogNames.isActive(rotated), rotated);
            assertTrue(LogNames.isLog(rotated), rotated);
        }
    }

    @Test
    void otherFilesAreNotLogs() {
        for (String other : List.of("log", "app.json", "dialog.txt", "blog", "app.log.bak", "app.logger", ".log")) {
            assertFalse(LogNames.isLog(other), other);
            assertFalse(LogNames.isActive(other), other);
        }
    }

    @Test
    void gzipIsToldByItsSuffix() {
        assertTrue(LogNames.isGzip("app.log.2.gz"));
        assertTrue(LogNames.isGzip("APP.LOG.GZ"));
        assertFalse(LogNames.isGzip("app.log.2.zst"));
    }
}
