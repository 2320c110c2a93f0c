package press.tamizdat.newsroom;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff second factors other than passkeys: an authenticator app (TOTP) and single-use recovery
 * codes. The TOTP secret is sealed with the newsroom key; recovery codes are kept as keyed hashes.
 * Every staff member must have a second factor; {@link #enrolled} says whether they have one yet.
 */
@Service
class SecondFactors {

    static final int RECOVERY_CODES = 10;
    private static final String CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final int CODE_LENGTH = 10;

    private final JdbcClient db;
    private final Clock clock;
    private final NewsroomKeys keys;
    private final Passkeys passkeys;
    private final SecureRandom random = new SecureRandom();

    SecondFactors(JdbcClient db, Clock clock, NewsroomKeys keys, Passkeys passkeys) {
        this.db = db;
        this.clock = clock;
        this.keys = keys;
        this.passkeys = passkeys;
    }

    /** How a second factor was shown, or that it was not. */
    enum Check {
        TOTP,
        RECOVERY_CODE,
        WRONG
    }

    boolean enrolled(StaffMember member) {
        return hasTotp(member.id()) || passkeys.count(member) > 0;
    }

    boolean hasTotp(long staffId) {
        return db.sql("SELECT COUNT(*) FROM staff_totp WHERE staff_id = :id")
                        .param("id", staffId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Enrols an authenticator app once it has shown it holds {@code secret} by giving a right code.
     * Returns fresh recovery codes, or empty if the code was wrong.
     */
    @Transactional
    Optional<List<String>> enrolTotp(long staffId, String secret, String code) {
        var step = Totp.accept(secret, code, clock.instant(), Long.MIN_VALUE);
        if (step.isEmpty()) {
            return Optional.empty();
        }
        storeTotp(staffId, secret, step.getAsLong());
        return Optional.of(newRecoveryCodes(staffId));
    }

    /** Sets the authenticator secret directly: the bootstrap admin's, from configuration. */
    @Transactional
    void setTotp(long staffId, String secret) {
        storeTotp(staffId, secret, Long.MIN_VALUE);
    }

    private void storeTotp(long staffId, String secret, long lastStep) {
        db.sql("DELETE FROM staff_totp WHERE staff_id = :id")
                .param("id", staffId)
                .update();
        db.sql("""
                        INSERT INTO staff_totp (staff_id, secret, last_step, enrolled_at)
                        VALUES (:id, :secret, :step, :now)
                        """)
                .param("id", staffId)
                .param("secret", keys.totpSecrets().seal(Totp.normalizeSecret(secret)))
                .param("step", lastStep)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    /**
     * Checks a code from the authenticator app, or a recovery code (which is then used up). A TOTP
     * code is accepted once: the step is claimed in the same statement that checks it is new, so two
     * requests with one code cannot both pass, on one node or several.
     */
    @Transactional
    Check verify(long staffId, String input) {
        String given = input.strip();
        if (given.replaceAll("\\s", "").matches("\\d{6}")) {
            return verifyTotp(staffId, given) ? Check.TOTP : Check.WRONG;
        }
        return useRecoveryCode(staffId, given) ? Check.RECOVERY_CODE : Check.WRONG;
    }

    private boolean verifyTotp(long staffId, String code) {
        record Stored(String secret, long lastStep) {}
        var stored = db.sql("SELECT secret, last_step FROM staff_totp WHERE staff_id = :id")
                .param("id", staffId)
                .query((rs, n) -> new Stored(rs.getString("secret"), rs.getLong("last_step")))
                .optional();
        if (stored.isEmpty()) {
            return false;
        }
        String secret = keys.totpSecrets().open(stored.get().secret());
        var step = Totp.accept(secret, code, clock.instant(), stored.get().lastStep());
        return step.isPresent()
                && db.sql("UPDATE staff_totp SET last_step = :step WHERE staff_id = :id AND last_step < :step")
                                .param("step", step.getAsLong())
                                .param("id", staffId)
                                .update()
                        == 1;
    }

    private boolean useRecoveryCode(long staffId, String code) {
        return db.sql("""
                                UPDATE staff_recovery_code SET used_at = :now
                                WHERE staff_id = :id AND code_hash = :hash AND used_at IS NULL
                                """)
                        .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                        .param("id", staffId)
                        .param("hash", recoveryHash(code))
                        .update()
                == 1;
    }

    int recoveryCodesLeft(long staffId) {
        return db.sql("SELECT COUNT(*) FROM staff_recovery_code WHERE staff_id = :id AND used_at IS NULL")
                .param("id", staffId)
                .query(Long.class)
                .single()
                .intValue();
    }

    /** A new set of recovery codes, replacing any before; shown once, kept only as keyed hashes. */
    @Transactional
    List<String> newRecoveryCodes(long staffId) {
        db.sql("DELETE FROM staff_recovery_code WHERE staff_id = :id")
                .param("id", staffId)
                .update();
        var codes = new ArrayList<String>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            var code = new StringBuilder();
            for (int c = 0; c < CODE_LENGTH; c++) {
                code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
            }
            String shown = code.substring(0, 5) + "-" + code.substring(5);
            db.sql("INSERT INTO staff_recovery_code (staff_id, code_hash) VALUES (:id, :hash)")
                    .param("id", staffId)
                    .param("hash", recoveryHash(shown))
                    .update();
            codes.add(shown);
        }
        return codes;
    }

    /** The outcome of removing a passkey. */
    enum Removal {
        REMOVED,
        LAST_FACTOR,
        NOT_FOUND
    }

    /**
     * Removes one of {@code member}'s passkeys, unless it is their last second factor. The member's
     * row is locked meanwhile, so two removals at once cannot both see "one left besides this".
     */
    @Transactional
    Removal removePasskey(StaffMember member, String id) {
        db.sql("SELECT id FROM staff WHERE id = :id FOR UPDATE")
                .param("id", member.id())
                .query(Long.class)
                .single();
        if (!hasTotp(member.id()) && passkeys.count(member) <= 1) {
            return Removal.LAST_FACTOR;
        }
        return passkeys.remove(member, id) ? Removal.REMOVED : Removal.NOT_FOUND;
    }

    /** Removes every second factor (an admin's reset for a member who lost theirs): enrolment starts again. */
    @Transactional
    void reset(StaffMember member) {
        db.sql("DELETE FROM staff_totp WHERE staff_id = :id")
                .param("id", member.id())
                .update();
        db.sql("DELETE FROM staff_recovery_code WHERE staff_id = :id")
                .param("id", member.id())
                .update();
        passkeys.removeAll(member);
    }

    private String recoveryHash(String code) {
        return keys.mark("recovery-code", code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT));
    }
}
