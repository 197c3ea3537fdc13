package dev.cairn.framework.unit;

import dev.cairn.framework.CairnException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PathGlobTest {

    private static void assertMatches(String glob, List<String> yes, List<String> no) {
        PathGlob g = PathGlob.compile(glob);
        yes.forEach(p -> assertTrue(g.matches(p), glob + " should match " + p));
        no.forEach(p -> assertFalse(g.matches(p), glob + " should not match " + p));
    }

    @Test
    void starStaysWithinASegment() {
        assertMatches("config/*.json", List.of("config/a.json", "config/.hidden.json"),
                List.of("config/x/a.json", "config/a.yaml", "a.json"));
    }

    @Test
    void doubleStarSegmentSpansZeroOrMoreSegments() {
        assertMatches("config/**/*.json", List.of("config/a.json", "config/x/a.json", "config/x/y/a.json"),
                List.of("other/a.json", "config.json", "config/a.jsonx"));
        assertMatches("**/app.log", List.of("app.log", "a/app.log", "a/b/app.log"), List.of("xapp.log", "a/app.log.1"));
        assertMatches("logs/**", List.of("logs/a", "logs/a/b"), List.of("logs", "logsx/a"));
        assertMatches("**", List.of("a", "a/b"), List.of());
    }

    @Test
    void questionMarkClassesAndAlternatives() {
        assertMatches("app.log.?", List.of("app.log.1", "app.log.x"), List.of("app.log.10", "app.log./"));
        assertMatches("app.log.[0-9]", List.of("app.log.3"), List.of("app.log.a"));
        assertMatches("app.log.[!0-9]", List.of("app.log.a"), List.of("app.log.3"));
        assertMatches("*.{yaml,yml}", List.of("a.yaml", "b.yml"), List.of("c.json", "d.yaml.bak"));
        assertMatches("a\\*b", List.of("a*b"), List.of("axb"));
        assertMatches("a+b(c).json", List.of("a+b(c).json"), List.of("aab(c).json"));
    }

    @Test
    void literalPrefixIsTheDirectoryBelowWhichMatchesLie() {
        assertEquals("config", PathGlob.compile("config/**/*.json").literalPrefix());
        assertEquals("a/b", PathGlob.compile("a/b/*.log").literalPrefix());
        assertEquals("", PathGlob.compile("*.log").literalPrefix());
        assertEquals("", PathGlob.compile("app.log").literalPrefix());
        assertEquals("a", PathGlob.compile("a/[x]/c").literalPrefix());
    }

    @Test
    void isGlobRecognisesGlobSyntax() {
        assertTrue(PathGlob.isGlob("a/*.json"));
        assertTrue(PathGlob.isGlob("a/{b,c}"));
        assertFalse(PathGlob.isGlob("config/app.json"));
    }

    @Test
    void malformedPatternsAreConfigErrors() {
        for (String bad : List.of("", "/abs/*", "a/[bc", "a/{b,c", "a/}", "a/{b,{c}}", "a\\", "a/[b/c]")) {
            CairnException e = assertThrows(CairnException.class, () -> PathGlob.compile(bad), bad);
            assertEquals(CairnException.Kind.CONFIG, e.kind(), bad);
        }
    }
}
