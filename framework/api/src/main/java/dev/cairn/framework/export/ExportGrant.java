package dev.cairn.framework.export;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * Permission, issued by the policy engine for one run after consent, to send data to one destination.
 *
 * @param policyId    the policy template that allowed it
 * @param consentId   the recorded consent it rests on
 * @param destination the only destination it covers
 * @param expires     when it stops being valid
 */
public record ExportGrant(String policyId, String consentId, URI destination, Instant expires) {

    public ExportGrant {
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(consentId, "consentId");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(expires, "expires");
    }

    /** {@return whether this grant covers {@code target} at {@code now}} */
    public boolean permits(URI target, Instant now) {
        return destination.normalize().equals(target.normalize()) && now.isBefore(expires);
    }
}
