package dev.cairn.engine.repository.internal;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class ThreadBufferTest {

    @Test
    void smallArraysArePowersOfTwoAndLargeOnesWholeSteps() {
        assertEquals(64, ThreadBuffer.capacityFor(0));
        assertEquals(64, ThreadBuffer.capacityFor(64));
        assertEquals(128, ThreadBuffer.capacityFor(65));
        assertEquals(8192, ThreadBuffer.capacityFor(4097));
        assertEquals(ThreadBuffer.STEP, ThreadBuffer.capacityFor(ThreadBuffer.STEP));
        assertEquals(2 * ThreadBuffer.STEP, ThreadBuffer.capacityFor(ThreadBuffer.STEP + 1));
        assertEquals(5 * ThreadBuffer.STEP, ThreadBuffer.capacityFor(4 * ThreadBuffer.STEP + 16_500));
        assertEquals(Integer.MAX_VALUE - 100, ThreadBuffer.capacityFor(Integer.MAX_VALUE - 100), "no step past the largest array");
    }

    @Test
    void anArrayIsKeptUntilARequestOutgrowsIt() {
        ThreadBuffer buffers = new ThreadBuffer();
        byte[] first = buffers.atLeast(2_100_000);
        assertEquals(3 * ThreadBuffer.STEP, first.length);
        assertSame(first, buffers.atLeast(3_000_000), "a larger chunk within the step reuses the array");
        assertSame(first, buffers.atLeast(10), "never shrunk");
        byte[] grown = buffers.atLeast(3 * ThreadBuffer.STEP + 1);
        assertEquals(4 * ThreadBuffer.STEP, grown.length);
        assertSame(grown, buffers.atLeast(4 * ThreadBuffer.STEP));
    }

    @Test
    void eachThreadHasItsOwnArray() throws Exception {
        ThreadBuffer buffers = new ThreadBuffer();
        byte[] mine = buffers.atLeast(1000);
        byte[] other = CompletableFuture.supplyAsync(() -> buffers.atLeast(1000)).get();
        assertNotSame(mine, other);
        assertSame(mine, buffers.atLeast(1000));
    }
}
