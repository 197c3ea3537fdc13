package dev.cairn.units.config.internal;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DotEnvSyntaxTest {

    @Test
    void acceptsTheCommonDialect() {
        String env = """
                # a comment
                export A=1
                B = spaced
                C="double \\" quoted" # trailing comment
                D='single'
                E="multi
                line"
                F=
                lower.case-key=ok
                """;
        assertEquals(Optional.empty(), DotEnvSyntax.check(env));
        assertEquals(Optional.empty(), DotEnvSyntax.check("A=1\r\nB=2\r\n"));
    }

    @Test
    void namesTheLineOfTheFirstProblem() {
        assertEquals(Optional.of("line 2: expected KEY=VALUE, a comment or a blank line"), DotEnvSyntax.check("A=1\n1BAD=2\n"));
        assertEquals(Optional.of("line 3: quoted value is never closed"), DotEnvSyntax.check("A=1\n\nB='open\nC=2\n"));
        assertEquals(Optional.of("line 1: unexpected text after the closing quote"), DotEnvSyntax.check("A=\"x\" y\n"));
        assertEquals(Optional.of("line 1: expected KEY=VALUE, a comment or a blank line"), DotEnvSyntax.check("=value"));
    }
}
