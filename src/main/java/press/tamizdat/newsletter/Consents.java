package press.tamizdat.newsletter;

import java.time.Instant;
import java.util.Collection;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.SqlTime;

/**
 * The record of consent, kept for every way an address is subscribed (a signup, an import): which
 * version of the privacy policy, when, where it was given and for which newsletters.
 */
@Component
class Consents {

    private final JdbcClient db;

    Consents(JdbcClient db) {
        this.db = db;
    }

    /** Records that a subscriber agreed, at {@code at}, to policy {@code policyVersion} for these newsletters. */
    void record(long subscriberId, int policyVersion, Instant at, String source, Collection<Newsletter> newsletters) {
        db.sql("""
                        INSERT INTO consent (subscriber_id, policy_version, given_at, source, newsletters)
                        VALUES (:id, :version, :at, :source, :newsletters)
                        """)
                .param("id", subscriberId)
                .param("version", policyVersion)
                .param("at", SqlTime.utc(at))
                .param("source", source)
                .param(
                        "newsletters",
                        newsletters.stream().map(Newsletter::slug).sorted().collect(Collectors.joining(",")))
                .update();
    }
}
