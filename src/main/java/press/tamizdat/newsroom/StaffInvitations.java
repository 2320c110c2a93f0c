package press.tamizdat.newsroom;

import java.net.URI;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import press.tamizdat.platform.TamizdatSettings;

/**
 * Invitations to join the staff: an admin names the address, name and role; the invitee gets a
 * link that works once, until it expires, and chooses their password there (then enrols a second
 * factor, like everyone). The link's token is kept only as a keyed hash.
 */
@Service
class StaffInvitations {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final JdbcClient db;
    private final Clock clock;
    private final NewsroomKeys keys;
    private final StaffAccounts accounts;
    private final InvitationMails mail;
    private final SecuritySettings settings;
    private final URI site;
    private final SecureRandom random = new SecureRandom();

    StaffInvitations(
            JdbcClient db,
            Clock clock,
            NewsroomKeys keys,
            StaffAccounts accounts,
            InvitationMails mail,
            SecuritySettings settings,
            TamizdatSettings tamizdat) {
        this.db = db;
        this.clock = clock;
        this.keys = keys;
        this.accounts = accounts;
        this.mail = mail;
        this.settings = settings;
        this.site = tamizdat.site().url();
    }

    /** An invitation still open, as the staff page lists it. */
    record Pending(long id, String email, String name, Role role, Instant expiresAt) {}

    /** The outcome of inviting: done, or the message key of what is wrong. */
    record Outcome(boolean done, String messageKey) {}

    @Transactional
    Outcome invite(StaffMember inviter, String email, String name, Role role) {
        String address = StaffAccounts.normalize(email);
        if (address.length() > 320 || !EMAIL.matcher(address).matches()) {
            return new Outcome(false, "staff.error.email");
        }
        if (name.isBlank() || name.length() > 200) {
            return new Outcome(false, "staff.error.name");
        }
        if (accounts.findByEmail(address).isPresent()) {
            return new Outcome(false, "staff.error.exists");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expires = clock.instant().plus(settings.invitationValidity());
        db.sql("""
                        INSERT INTO staff_invitation (email, display_name, role, token_hash, invited_by, created_at, expires_at)
                        VALUES (:email, :name, :role, :hash, :by, :now, :expires)
                        """)
                .param("email", address)
                .param("name", name.strip())
                .param("role", role.name())
                .param("hash", hash(token))
                .param("by", inviter.id())
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .param("expires", expires.atOffset(ZoneOffset.UTC))
                .update();
        boolean sent = mail.send(new InvitationMails.Invitation(
                address, name.strip(), inviter.name(), role, site.resolve("/newsroom/join/" + token), expires));
        if (!sent) {
            throw new NotSent();
        }
        return new Outcome(true, "staff.notice.invited");
    }

    List<Pending> pending() {
        return db.sql("""
                        SELECT id, email, display_name, role, expires_at FROM staff_invitation
                        WHERE accepted_at IS NULL AND withdrawn_at IS NULL AND expires_at > :now
                        ORDER BY created_at DESC
                        """)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .query(StaffInvitations::invitation)
                .list();
    }

    boolean withdraw(long id) {
        return db.sql(
                                "UPDATE staff_invitation SET withdrawn_at = :now WHERE id = :id AND accepted_at IS NULL AND withdrawn_at IS NULL")
                        .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                        .param("id", id)
                        .update()
                == 1;
    }

    /** The open invitation behind {@code token}, if it is still good. */
    Optional<Pending> open(String token) {
        return db.sql("""
                        SELECT id, email, display_name, role, expires_at FROM staff_invitation
                        WHERE token_hash = :hash AND accepted_at IS NULL AND withdrawn_at IS NULL AND expires_at > :now
                        """)
                .param("hash", hash(token))
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .query(StaffInvitations::invitation)
                .optional();
    }

    /**
     * Uses the invitation up and makes the account; empty if the link is no longer good (used,
     * withdrawn, expired, or taken at the same moment by a second click).
     */
    @Transactional
    Optional<StaffMember> accept(String token, String name, String password) {
        var invitation = open(token);
        if (invitation.isEmpty()
                || db.sql("UPDATE staff_invitation SET accepted_at = :now WHERE id = :id AND accepted_at IS NULL")
                                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                                .param("id", invitation.get().id())
                                .update()
                        != 1
                || accounts.findByEmail(invitation.get().email()).isPresent()) {
            return Optional.empty();
        }
        var pending = invitation.get();
        return Optional.of(accounts.create(
                pending.email(), name.isBlank() ? pending.name() : name.strip(), pending.role(), password, false));
    }

    private static Pending invitation(ResultSet rs, int row) throws SQLException {
        return new Pending(
                rs.getLong("id"),
                rs.getString("email"),
                rs.getString("display_name"),
                Role.valueOf(rs.getString("role")),
                rs.getObject("expires_at", OffsetDateTime.class).toInstant());
    }

    /** The mail could not be sent: the invitation is rolled back, and the admin told. */
    static final class NotSent extends RuntimeException {
        NotSent() {
            super("The invitation could not be mailed", null, false, false);
        }
    }

    private String hash(String token) {
        return keys.mark("invitation", token);
    }
}
