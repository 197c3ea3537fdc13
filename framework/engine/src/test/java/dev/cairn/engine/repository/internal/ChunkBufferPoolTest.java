package dev.cairn.engine.repository.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChunkBufferPoolTest {

    @Test
    void arraysArePowersOfTwoLargeEnoughForTheChunk() {
        ChunkBufferPool pool = new ChunkBufferPool(1 << 20);
        assertEquals(4096, pool.take(1).length);
        assertEquals(4096, pool.take(4096).length);
        assertEquals(8192, pool.take(4097).length);
        assertEquals(1 << 20, pool.take((1 << 19) + 1).length);
        assertEquals(16 << 20, pool.take(16 << 20).length);
        assertEquals(8192, ChunkBufferPool.capacityFor(5000));
    }

    @Test
    void aReturnedArrayIsReusedForAChunkOfItsSizeClass() {
        ChunkBufferPool pool = new ChunkBufferPool(1 << 20);
        byte[] a = pool.take(100_000);
        pool.give(a);
        assertNotSame(a, pool.take(10_000), "another size class gets a new array");
        assertSame(a, pool.take(70_000));
    }

    @Test
    void atMostMaxIdleBytesWaitInThePool() {
        ChunkBufferPool pool = new ChunkBufferPool(8192);
        byte[] a = pool.take(4096);
        byte[] b = pool.take(4096);
        byte[] c = pool.take(4096);
        pool.give(a);
        pool.give(b);
        pool.give(c);
        assertSame(a, pool.take(4096));
        assertSame(b, pool.take(4096));
        assertNotSame(c, pool.take(4096), "the third array was over the idle limit and dropped");
    }

    @Test
    void anArrayReturnedToAFullPoolDisplacesIdleArraysOfOtherSizes() {
        ChunkBufferPool pool = new ChunkBufferPool(8192);
        byte[] small1 = pool.take(4096);
        byte[] small2 = pool.take(4096);
        pool.give(small1);
        pool.give(small2);
        byte[] large = pool.take(8192);
        pool.give(large);
        assertSame(large, pool.take(8192), "the pool kept the array of the size in use now");
        assertNotSame(small1, pool.take(4096), "the idle 4 KiB arrays made room for it");
        byte[] a = pool.take(8192);
        byte[] b = pool.take(8192);
        pool.give(a);
        pool.give(b);
        assertSame(a, pool.take(8192));
        assertNotSame(b, pool.take(8192), "an array never displaces arrays of its own size");
    }

    @Test
    void aChunkTakesAnIdleArrayUpToTwoClassesLargerBeforeAllocating() {
        ChunkBufferPool pool = new ChunkBufferPool(1 << 20);
        byte[] quadruple = pool.take(16384);
        pool.give(quadruple);
        assertSame(quadruple, pool.take(4096), "an idle array two classes up serves a smaller chunk");
        byte[] eightfold = pool.take(32768);
        pool.give(eightfold);
        assertNotSame(eightfold, pool.take(4096), "three classes up is too wasteful: a new array");
        assertEquals(4096, pool.take(4096).length);
    }

    @Test
    void foreignArraysAreRefused() {
        ChunkBufferPool pool = new ChunkBufferPool(1 << 20);
        assertThrows(IllegalArgumentException.class, () -> pool.give(new byte[5000]));
        assertThrows(IllegalArgumentException.class, () -> pool.give(new byte[1024]));
    }
}
