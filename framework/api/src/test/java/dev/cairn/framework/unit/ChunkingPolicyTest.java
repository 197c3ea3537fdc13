package dev.cairn.framework.unit;

import dev.cairn.framework.unit.ChunkingPolicy.Kind;
import dev.cairn.framework.unit.ChunkingPolicy.Layout;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChunkingPolicyTest {

    @Test
    void factoriesAndTheTwoArgumentConstructorMeanBytes() {
        assertEquals(Layout.BYTES, ChunkingPolicy.contentDefined().layout());
        assertEquals(Layout.BYTES, ChunkingPolicy.large().layout());
        assertEquals(Layout.BYTES, ChunkingPolicy.fixed(4096).layout());
        assertEquals(new ChunkingPolicy(Kind.FIXED, 4096, Layout.BYTES), new ChunkingPolicy(Kind.FIXED, 4096));
    }

    @Test
    void withLayoutKeepsTheChunkingAndChangesOnlyTheLayout() {
        ChunkingPolicy words = ChunkingPolicy.fixed(8192).withLayout(Layout.WORDS16);
        assertEquals(new ChunkingPolicy(Kind.FIXED, 8192, Layout.WORDS16), words);
        assertEquals(ChunkingPolicy.fixed(8192), words.withLayout(Layout.BYTES));
        assertNotEquals(ChunkingPolicy.fixed(8192), words);
    }

    @Test
    void nullLayoutIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ChunkingPolicy(Kind.CONTENT_DEFINED, 0, null));
        assertThrows(IllegalArgumentException.class, () -> ChunkingPolicy.contentDefined().withLayout(null));
    }
}
