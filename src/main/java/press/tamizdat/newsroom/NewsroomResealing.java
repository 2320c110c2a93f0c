package press.tamizdat.newsroom;

import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.Resealing;
import press.tamizdat.platform.SqlTime;

/**
 * A new newsroom key: authenticator secrets sealed again; what is kept only as a keyed hash under
 * the old key (recovery codes, invitations' tokens, sign-in failure counts) cannot be, so unused
 * recovery codes and open invitations end, and the counts start again.
 */
@Component
class NewsroomResealing implements Resealing {

    private final JdbcClient db;
    private final Clock clock;

    NewsroomResealing(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public String setting() {
        return "TAMIZDAT_SECURITY_KEY";
    }

    @Override
    public List<String> reseal(byte[] oldKey, byte[] newKey) {
        var from = NewsroomKeys.totpSealer(oldKey);
        var to = NewsroomKeys.totpSealer(newKey);
        record Sealed(long staff, String secret) {}
        var secrets = db.sql("SELECT staff_id, secret FROM staff_totp")
                .query((rs, n) -> new Sealed(rs.getLong("staff_id"), rs.getString("secret")))
                .list();
        for (var sealed : secrets) {
            db.sql("UPDATE staff_totp SET secret = :secret WHERE staff_id = :staff")
                    .param("secret", to.seal(from.open(sealed.secret())))
                    .param("staff", sealed.staff())
                    .update();
        }
        int withCodes = db.sql("SELECT COUNT(DISTINCT staff_id) FROM staff_recovery_code WHERE used_at IS NULL")
                .query(Integer.class)
                .single();
        db.sql("DELETE FROM staff_recovery_code").update();
        int invitations = db.sql("""
                        UPDATE staff_invitation SET withdrawn_at = :now
                        WHERE accepted_at IS NULL AND withdrawn_at IS NULL AND expires_at > :now
                        """).param("now", SqlTime.utc(clock.instant())).update();
        db.sql("DELETE FROM sign_in_client_account").update();
        db.sql("DELETE FROM sign_in_failure").update();
        return List.of(
                secrets.size() + " authenticator secrets sealed again (the same apps keep working)",
                withCodes + " staff members' recovery codes no longer work: each makes new ones at Account",
                invitations + " open invitations withdrawn: invite again",
                "sign-in failure counts start again; audit entries before now do not link to later ones"
                        + " by session or network");
    }
}
