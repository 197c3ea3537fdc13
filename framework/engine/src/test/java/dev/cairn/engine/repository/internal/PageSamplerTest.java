package dev.cairn.engine.repository.internal;

import dev.cairn.framework.unit.ContentSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pages sampled evenly across a file, for training a page dictionary. */
class PageSamplerTest {

    private static final int PAGE = 512;

    @Test
    void indexesAreEvenlySpreadFromTheFirstPageAndStrictlyIncreasing() {
        assertArrayEquals(new long[] {0, 2, 5, 7}, PageSampler.pageIndexes(10, 4));
        assertArrayEquals(new long[] {0, 1, 2}, PageSampler.pageIndexes(3, 3));
        long pages = 60_515;
        long[] indexes = PageSampler.pageIndexes(pages, 2048);
        assertEquals(2048, indexes.length);
        assertEquals(0, indexes[0]);
        for (int k = 1; k < indexes.length; k++) {
            assertTrue(indexes[k] > indexes[k - 1], "increasing at " + k);
            assertTrue(Math.abs(indexes[k] - k * pages / 2048.0) < 1, "even at " + k);
        }
        assertTrue(indexes[2047] >= pages - pages / 2048 - 1, "the last sample is near the end: " + indexes[2047]);
    }

    @Test
    void hugeFilesDoNotOverflow() {
        long pages = Long.MAX_VALUE / PAGE;
        long[] indexes = PageSampler.pageIndexes(pages, 1024);
        for (int k = 1; k < indexes.length; k++) {
            assertTrue(indexes[k] > indexes[k - 1] && indexes[k] < pages, "at " + k + ": " + indexes[k]);
        }
    }

    @Test
    void moreSamplesThanPagesIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> PageSampler.pageIndexes(3, 4));
    }

    @Test
    void samplesAreTheWholePagesAtThoseIndexes() {
        byte[] file = numberedPages(100);
        List<byte[]> samples = sampled(() -> new ByteArrayInputStream(file), file.length, PAGE, 10);
        assertEquals(10, samples.size());
        for (int k = 0; k < 10; k++) {
            byte[] page = samples.get(k);
            assertEquals(PAGE, page.length);
            assertEquals(k * 10, page[0], "sample " + k + " is page " + k * 10);
            assertEquals(k * 10, page[PAGE - 1]);
        }
    }

    @Test
    void aSmallFileGivesEveryWholePageAndNotTheTrailingPart() {
        byte[] file = java.util.Arrays.copyOf(numberedPages(5), 5 * PAGE + 100);
        List<byte[]> samples = sampled(() -> new ByteArrayInputStream(file), file.length, PAGE, 2048);
        assertEquals(5, samples.size());
        assertEquals(4, samples.get(4)[0]);
    }

    @Test
    void aFileShorterThanExpectedGivesThePagesItHas() {
        byte[] file = numberedPages(40);
        List<byte[]> samples = sampled(() -> new ByteArrayInputStream(file), 100L * PAGE, PAGE, 10);
        assertEquals(4, samples.size(), "pages 0, 10, 20 and 30 exist; 40 and later do not");
        assertEquals(30, samples.get(3)[0]);
    }

    @Test
    void aSourceThatFailsGivesWhatWasReadBeforeAndNoError() {
        byte[] file = numberedPages(100);
        ContentSource failsHalfWay = () -> new InputStream() {
            private final InputStream in = new ByteArrayInputStream(file);
            private long read;

            @Override
            public int read() throws IOException {
                if (read++ >= 50L * PAGE) {
                    throw new IOException("device error");
                }
                return in.read();
            }
        };
        assertEquals(5, sampled(failsHalfWay, file.length, PAGE, 10).size());
        ContentSource vanished = () -> {
            throw new NoSuchFileException("app.db");
        };
        assertEquals(List.of(), sampled(vanished, file.length, PAGE, 10));
    }

    @Test
    void anEmptyFileIsNotOpened() {
        ContentSource mustNotOpen = () -> {
            throw new AssertionError("opened");
        };
        assertEquals(List.of(), sampled(mustNotOpen, 0, PAGE, 10));
        assertEquals(List.of(), sampled(mustNotOpen, PAGE - 1, PAGE, 10));
    }

    /** {@return copies of the pages {@link PageSampler#sample} hands over, checking the count it returns} */
    private static List<byte[]> sampled(ContentSource source, long size, int pageSize, int max) {
        List<byte[]> pages = new java.util.ArrayList<>();
        int count = PageSampler.sample(source, size, pageSize, max, page -> pages.add(page.clone()));
        assertEquals(pages.size(), count);
        return pages;
    }

    /** {@return {@code count} pages, page {@code i} filled with the byte {@code i}} */
    private static byte[] numberedPages(int count) {
        byte[] file = new byte[count * PAGE];
        for (int i = 0; i < count; i++) {
            java.util.Arrays.fill(file, i * PAGE, (i + 1) * PAGE, (byte) i);
        }
        return file;
    }
}
