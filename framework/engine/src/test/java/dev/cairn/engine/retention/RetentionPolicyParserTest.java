package dev.cairn.engine.retention;

import dev.cairn.framework.CairnException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RetentionPolicyParserTest {

    private static String error(String json) {
        CairnException e = assertThrows(CairnException.class, () -> RetentionPolicyParser.parse(json, "policy.json"));
        assertEquals(CairnException.Kind.CONFIG, e.kind());
        return e.getMessage();
    }

    @Test
    void parsesDefaultsAndUnitRules() {
        RetentionPolicy p = RetentionPolicyParser.parse("""
                {"schema": "cairn-retention-policy/1", "description": "nightly",
                 "default": {"keep_last": 3, "keep_daily": 7, "keep_weekly": 4, "keep_monthly": 12, "keep_yearly": 2,
                             "keep_within": "1y2m"},
                 "units": {"db": {"keep_hourly": 24, "keep_within": "36h"}}}""", "policy.json");
        assertEquals(new RetentionRules(3, 0, 7, 4, 12, 2, new KeepWithin(1, 2, 0, 0)), p.defaults());
        assertEquals(new RetentionRules(0, 24, 0, 0, 0, 0, new KeepWithin(0, 0, 0, 36)), p.rulesFor("db"));
        assertEquals(p.defaults(), p.rulesFor("config"));
        assertEquals(0, p.rulesFor("db").last(), "a unit's rules replace the defaults, keep_last is not inherited");
    }

    @Test
    void errorsNameTheSourceAndTheField() {
        assertEquals("retention policy policy.json: field default.keep_dayly: is not a known field (known: keep_daily, "
                        + "keep_hourly, keep_last, keep_monthly, keep_weekly, keep_within, keep_yearly)",
                error("{\"schema\":\"cairn-retention-policy/1\",\"default\":{\"keep_dayly\":7}}"));
        assertEquals("retention policy policy.json: field units.db.keep_daily: must be a whole number from 0 to 1000000, got -1",
                error("{\"schema\":\"cairn-retention-policy/1\",\"units\":{\"db\":{\"keep_daily\":-1}}}"));
        assertEquals("retention policy policy.json: field default.keep_last: must be a whole number from 0 to 1000000, got \"3\"",
                error("{\"schema\":\"cairn-retention-policy/1\",\"default\":{\"keep_last\":\"3\"}}"));
        assertEquals("retention policy policy.json: field default.keep_within: '3w' is not a window like 30d, 12h or 1y6m "
                        + "(years y, months m, days d, hours h, in that order)",
                error("{\"schema\":\"cairn-retention-policy/1\",\"default\":{\"keep_within\":\"3w\"}}"));
        assertEquals("retention policy policy.json: field schema: is required and must be \"cairn-retention-policy/1\"",
                error("{\"default\":{\"keep_last\":1}}"));
        assertEquals("retention policy policy.json: field units.db: keeps nothing: give at least one keep_* rule",
                error("{\"schema\":\"cairn-retention-policy/1\",\"default\":{\"keep_last\":1},\"units\":{\"db\":{}}}"));
        assertEquals("retention policy policy.json: field default: the policy keeps nothing: give at least one keep_* rule",
                error("{\"schema\":\"cairn-retention-policy/1\",\"default\":{\"keep_last\":0}}"));
        assertEquals("retention policy policy.json: field keep_last: is not a known field (known: default, description, schema, units)",
                error("{\"schema\":\"cairn-retention-policy/1\",\"keep_last\":1}"));
    }

    @Test
    void malformedJsonNamesTheLine() {
        String message = error("{\"schema\":\"cairn-retention-policy/1\",\n\"default\": {\"keep_last\": 1,}}");
        assertTrue(message.startsWith("retention policy policy.json: not valid JSON at line 2"), message);
        assertTrue(error("{\"schema\":\"cairn-retention-policy/1\",\"default\":{\"keep_last\":1,\"keep_last\":2}}")
                .contains("Duplicate field 'keep_last'"));
    }
}
