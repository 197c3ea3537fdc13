package dev.cairn.engine.retention;

import java.util.Map;
import java.util.Objects;

/**
 * A retention policy: rules per unit, and default rules for the units (and unit-less snapshots) that
 * have none of their own. A unit's own rules replace the defaults entirely; they are not merged.
 * Read from JSON by {@link RetentionPolicyParser} (schema {@code schemas/retention-policy.schema.json}).
 *
 * @param defaults the rules of units without their own ({@link RetentionRules#NONE} when there are none)
 * @param units    rules by unit id
 */
public record RetentionPolicy(RetentionRules defaults, Map<String, RetentionRules> units) {

    public RetentionPolicy {
        Objects.requireNonNull(defaults, "defaults");
        units = Map.copyOf(units);
    }

    /** {@return a policy with the same rules for every unit} */
    public static RetentionPolicy uniform(RetentionRules rules) {
        return new RetentionPolicy(rules, Map.of());
    }

    /** {@return the rules that apply to {@code unitId}} */
    public RetentionRules rulesFor(String unitId) {
        return units.getOrDefault(unitId, defaults);
    }

    /** {@return whether no rule keeps anything, for any unit} */
    public boolean isEmpty() {
        return defaults.isEmpty() && units.values().stream().allMatch(RetentionRules::isEmpty);
    }
}
