package press.tamizdat.newsroom;

import java.util.Locale;
import java.util.Optional;
import me.gosimple.nbvcxz.Nbvcxz;
import org.springframework.stereotype.Component;

/**
 * What a staff password must be: at least 12 characters, and hard to guess by the measure of
 * nbvcxz (zxcvbn's approach: common-password lists, dictionary words, keyboard walks, dates,
 * repeats and l33t spellings, each costed by how soon an attacker would try it), with at least its
 * default 35 bits of entropy; and not built on the member's own address or name.
 */
@Component
class PasswordRules {

    static final int MINIMUM_LENGTH = 12;

    private final Nbvcxz estimator = new Nbvcxz();

    /** The message key of what is wrong with {@code password} for this member, if anything. */
    Optional<String> problem(String password, String email, String name) {
        if (password.length() < MINIMUM_LENGTH) {
            return Optional.of("password.error.too-short");
        }
        if (password.length() > 200) {
            return Optional.of("password.error.too-long");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String localPart = email.contains("@") ? email.substring(0, email.indexOf('@')) : email;
        if ((localPart.length() >= 4 && lower.contains(localPart.toLowerCase(Locale.ROOT)))
                || (name.strip().length() >= 4 && lower.contains(name.strip().toLowerCase(Locale.ROOT)))) {
            return Optional.of("password.error.personal");
        }
        if (!estimator.estimate(password).isMinimumEntropyMet()) {
            return Optional.of("password.error.too-weak");
        }
        return Optional.empty();
    }
}
