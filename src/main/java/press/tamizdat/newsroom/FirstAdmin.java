package press.tamizdat.newsroom;

import java.io.PrintStream;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Creates the first admin on an empty database: from TAMIZDAT_ADMIN_EMAIL and
 * TAMIZDAT_ADMIN_PASSWORD when given, else with a one-time password printed once to the console
 * (not to the log, which may be shipped elsewhere) and replaced at first login. The admin enrols a
 * second factor at first sign-in, unless TAMIZDAT_ADMIN_TOTP_SECRET (base32) gives their
 * authenticator's secret: the contract for automated deployments, which must sign in unattended.
 */
@Component
@Order(0)
class FirstAdmin implements ApplicationRunner {

    static final String DEFAULT_EMAIL = "admin@tamizdat.local";
    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final StaffAccounts accounts;
    private final String email;
    private final String password;
    private final SecondFactors secondFactors;
    private final String totpSecret;
    private final PrintStream console;

    @Autowired
    FirstAdmin(StaffAccounts accounts, SecondFactors secondFactors, AdminSettings admin) {
        this(accounts, secondFactors, admin.email(), admin.password(), admin.totpSecret(), System.out);
    }

    FirstAdmin(
            StaffAccounts accounts,
            SecondFactors secondFactors,
            String email,
            String password,
            String totpSecret,
            PrintStream console) {
        if (!totpSecret.isBlank() && !Totp.isValidSecret(totpSecret)) {
            throw new IllegalStateException(
                    "TAMIZDAT_ADMIN_TOTP_SECRET must be base32 (A-Z, 2-7) of at least 16 characters");
        }
        this.accounts = accounts;
        this.secondFactors = secondFactors;
        this.email = email.isBlank() ? DEFAULT_EMAIL : email;
        this.password = password;
        this.totpSecret = totpSecret;
        this.console = console;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!accounts.isEmpty()) {
            return;
        }
        try {
            if (!password.isEmpty()) {
                var admin = accounts.create(email, "Administrator", Role.ADMIN, password, false);
                setTotp(admin);
                log.info("Created the first admin {} from the configured password", email);
                return;
            }
            String oneTime = oneTimePassword();
            setTotp(accounts.create(email, "Administrator", Role.ADMIN, oneTime, true));
            console.printf(
                    "%n==== Tamizdat: first admin created ====%n"
                            + "  Sign in at /newsroom/login%n"
                            + "  email:              %s%n"
                            + "  one-time password:  %s%n"
                            + "  You will choose your own password at first login. This is shown only once.%n"
                            + "=======================================%n%n",
                    email, oneTime);
        } catch (DuplicateKeyException anotherNodeWasFaster) {
            log.info("Another node created the first admin");
        }
    }

    private void setTotp(StaffMember admin) {
        if (!totpSecret.isBlank()) {
            secondFactors.setTotp(admin.id(), totpSecret);
            log.info("The first admin's authenticator secret is the configured one");
        }
    }

    private static String oneTimePassword() {
        var random = new SecureRandom();
        var password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
