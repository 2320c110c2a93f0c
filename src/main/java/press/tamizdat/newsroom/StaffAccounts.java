package press.tamizdat.newsroom;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The newsroom's staff accounts: creating them, listing them, changing passwords. */
@Service
public class StaffAccounts {

    private final JdbcClient db;
    private final PasswordEncoder passwords;
    private final PasswordRules rules;
    private final Clock clock;

    StaffAccounts(JdbcClient db, PasswordEncoder passwords, PasswordRules rules, Clock clock) {
        this.db = db;
        this.passwords = passwords;
        this.rules = rules;
        this.clock = clock;
    }

    /** Creates an active account; {@code mustChangePassword} forces a new password at first login. */
    @Transactional
    public StaffMember create(String email, String name, Role role, String password, boolean mustChangePassword) {
        String normalized = normalize(email);
        db.sql("""
                        INSERT INTO staff (email, display_name, role, password_hash, must_change_password, active, created_at)
                        VALUES (:email, :name, :role, :hash, :mustChange, TRUE, :now)
                        """)
                .param("email", normalized)
                .param("name", name)
                .param("role", role.name())
                .param("hash", passwords.encode(password))
                .param("mustChange", mustChangePassword)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        return findByEmail(normalized).orElseThrow();
    }

    public List<StaffMember> all() {
        return db.sql("SELECT id, email, display_name, role FROM staff ORDER BY display_name")
                .query(StaffAccounts::member)
                .list();
    }

    public Optional<StaffMember> find(long id) {
        return db.sql("SELECT id, email, display_name, role FROM staff WHERE id = :id")
                .param("id", id)
                .query(StaffAccounts::member)
                .optional();
    }

    public Optional<StaffMember> findByEmail(String email) {
        return db.sql("SELECT id, email, display_name, role FROM staff WHERE email = :email")
                .param("email", normalize(email))
                .query(StaffAccounts::member)
                .optional();
    }

    Optional<StaffMember> findActive(long id) {
        return db.sql("SELECT id, email, display_name, role FROM staff WHERE id = :id AND active")
                .param("id", id)
                .query(StaffAccounts::member)
                .optional();
    }

    Optional<StaffMember> findActiveByEmail(String email) {
        return db.sql("SELECT id, email, display_name, role FROM staff WHERE email = :email AND active")
                .param("email", normalize(email))
                .query(StaffAccounts::member)
                .optional();
    }

    public boolean isEmpty() {
        return db.sql("SELECT COUNT(*) FROM staff").query(Long.class).single() == 0;
    }

    boolean mustChangePassword(String email) {
        return db.sql("SELECT must_change_password FROM staff WHERE email = :email")
                .param("email", normalize(email))
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    Optional<Credentials> credentials(String email) {
        return db.sql("SELECT id, email, display_name, role, password_hash, active FROM staff WHERE email = :email")
                .param("email", normalize(email))
                .query((rs, n) ->
                        new Credentials(member(rs, n), rs.getString("password_hash"), rs.getBoolean("active")))
                .optional();
    }

    /** Checks the current password, then stores the new one and lifts the first-login requirement. */
    @Transactional
    public PasswordChange changePassword(String email, String current, String replacement, String confirmation) {
        var account = credentials(email).orElseThrow();
        if (!passwords.matches(current, account.passwordHash())) {
            return PasswordChange.WRONG_CURRENT;
        }
        if (!replacement.equals(confirmation)) {
            return PasswordChange.MISMATCH;
        }
        if (replacement.equals(current)) {
            return PasswordChange.UNCHANGED;
        }
        var problem = rules.problem(
                replacement, account.member().email(), account.member().name());
        if (problem.isPresent()) {
            return PasswordChange.weak(problem.get());
        }
        db.sql("UPDATE staff SET password_hash = :hash, must_change_password = FALSE WHERE id = :id")
                .param("hash", passwords.encode(replacement))
                .param("id", account.member().id())
                .update();
        return PasswordChange.DONE;
    }

    /** The outcome of a password change: done, or the message key of what is wrong. */
    public record PasswordChange(boolean done, String messageKey) {

        static final PasswordChange DONE = new PasswordChange(true, "");
        static final PasswordChange WRONG_CURRENT = new PasswordChange(false, "password.error.wrong-current");
        static final PasswordChange MISMATCH = new PasswordChange(false, "password.error.mismatch");
        static final PasswordChange UNCHANGED = new PasswordChange(false, "password.error.unchanged");

        static PasswordChange weak(String messageKey) {
            return new PasswordChange(false, messageKey);
        }
    }

    /** Listing for the staff page: the member, whether active, and since when on the staff. */
    record Listing(StaffMember member, boolean active, java.time.Instant since) {}

    List<Listing> listing() {
        return db.sql(
                        "SELECT id, email, display_name, role, active, created_at FROM staff ORDER BY active DESC, display_name")
                .query((rs, n) -> new Listing(
                        member(rs, n),
                        rs.getBoolean("active"),
                        rs.getObject("created_at", java.time.OffsetDateTime.class)
                                .toInstant()))
                .list();
    }

    Optional<Listing> listing(long id) {
        return db.sql("SELECT id, email, display_name, role, active, created_at FROM staff WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new Listing(
                        member(rs, n),
                        rs.getBoolean("active"),
                        rs.getObject("created_at", java.time.OffsetDateTime.class)
                                .toInstant()))
                .optional();
    }

    boolean setRole(long id, Role role) {
        return db.sql("UPDATE staff SET role = :role WHERE id = :id AND role <> :role")
                        .param("role", role.name())
                        .param("id", id)
                        .update()
                == 1;
    }

    boolean setActive(long id, boolean active) {
        return db.sql("UPDATE staff SET active = :active WHERE id = :id AND active <> :active")
                        .param("active", active)
                        .param("id", id)
                        .update()
                == 1;
    }

    record Credentials(StaffMember member, String passwordHash, boolean active) {}

    static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static StaffMember member(ResultSet rs, int row) throws SQLException {
        return new StaffMember(
                rs.getLong("id"),
                rs.getString("email"),
                rs.getString("display_name"),
                Role.valueOf(rs.getString("role")));
    }
}
