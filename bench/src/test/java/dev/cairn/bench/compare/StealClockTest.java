package dev.cairn.bench.compare;

import dev.cairn.bench.probe.FrameStats;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Steal time is read from /proc/stat's cpu line, and probe runs are reported run by run. */
class StealClockTest {

    @Test
    void readsTheStealColumnInSeconds() {
        assertEquals(2.04, StealClock.parseSeconds("cpu  2195 0 629 271 79 0 10 204 0 0"), 1e-9);
        assertEquals(0.0, StealClock.parseSeconds("cpu  100 0 50 9000 3 0 1 0 0 0"), 1e-9);
    }

    @Test
    void aLineWithoutStealIsNotAReading() {
        assertTrue(Double.isNaN(StealClock.parseSeconds("cpu  2195 0 629 271 79 0 10")));
        assertTrue(Double.isNaN(StealClock.parseSeconds("cpu0 2195 0 629 271 79 0 10 204 0 0")));
        assertTrue(Double.isNaN(StealClock.parseSeconds("cpu  2195 0 629 271 79 0 10 x 0 0")));
    }

    @Test
    void thisMachineReportsANonNegativeStealTimeThatNeverGoesBack() {
        double first = StealClock.seconds();
        double second = StealClock.seconds();
        assertFalse(Double.isNaN(first), "/proc/stat has a steal column on Linux");
        assertTrue(first >= 0 && second >= first, first + " then " + second);
    }

    @Test
    void probeRunsAreListedInRunOrderWithTheirRange() {
        List<ProbeResult> runs = List.of(probe(0.0826, 45.3, 2.04), probe(0.0057, 14.5, 0.21), probe(0.0086, 13.7, 0.30));
        assertEquals("8.26 / 0.57 / 0.86", Report.joined(runs, p -> 100 * p.frames().overShare()));
        assertEquals("2.04 / 0.21 / 0.30", Report.joined(runs, p -> p.backup().stealSeconds()));
        assertEquals("13.7-45.3", Report.range(runs, p -> p.frames().p99Millis()));
    }

    private static ProbeResult probe(double share, double p99, double steal) {
        long frames = 10_000;
        return new ProbeResult(new FrameStats(frames, Math.round(share * frames), p99, p99 + 5, 8.0),
                new Measurement(12.0, 15.0, 250_000, 0, "", steal));
    }
}
