package press.tamizdat.newsroom;

import java.time.Clock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;

/** Applies the {@link Permissions} table to each newsroom request, and says why when it refuses. */
@Component
class PermissionCheck implements AuthorizationManager<RequestAuthorizationContext> {

    /** Why a request was refused: each has its own way forward (sign in, show the second factor, …). */
    enum Refusal {
        NO_RULE,
        SIGN_IN,
        SECOND_FACTOR,
        ROLE,
        CONFIRM
    }

    record Decision(boolean isGranted, @Nullable Refusal refusal) implements AuthorizationResult {

        static final Decision GRANTED = new Decision(true, null);

        static Decision refused(Refusal why) {
            return new Decision(false, why);
        }
    }

    private final SecondFactors secondFactors;
    private final StaffAccounts accounts;
    private final SecuritySettings settings;
    private final Clock clock;

    PermissionCheck(SecondFactors secondFactors, StaffAccounts accounts, SecuritySettings settings, Clock clock) {
        this.secondFactors = secondFactors;
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends @Nullable Authentication> authentication, RequestAuthorizationContext context) {
        var rule = Permissions.ruleFor(context.getRequest());
        if (rule.isEmpty()) {
            return Decision.refused(Refusal.NO_RULE);
        }
        var need = rule.get().need();
        if (need == Permissions.Need.ANYONE) {
            return Decision.GRANTED;
        }
        Authentication who = authentication.get();
        if (who instanceof StaffAuthentication staff) {
            return decide(rule.get(), staff);
        }
        if (who == null
                || who instanceof AnonymousAuthenticationToken
                || !who.isAuthenticated()
                || !(who.getPrincipal() instanceof StaffPrincipal principal)) {
            return Decision.refused(Refusal.SIGN_IN);
        }
        // a password alone
        return switch (need) {
            case PASSWORD -> Decision.GRANTED;
            case ENROL ->
                secondFactors.enrolled(principal.member()) ? Decision.refused(Refusal.SECOND_FACTOR) : Decision.GRANTED;
            case PASSWORD_CHANGE ->
                accounts.mustChangePassword(principal.member().email())
                        ? Decision.GRANTED
                        : Decision.refused(Refusal.SECOND_FACTOR);
            default -> Decision.refused(Refusal.SECOND_FACTOR);
        };
    }

    private Decision decide(Permissions.Rule rule, StaffAuthentication staff) {
        var role = rule.need().role();
        if (role != null && !staff.member().role().atLeast(role)) {
            return Decision.refused(Refusal.ROLE);
        }
        // adding a factor to an account that has one is how a stolen session would make itself permanent
        if ((rule.recent() || rule.need() == Permissions.Need.ENROL || rule.need() == Permissions.Need.PASSWORD_CHANGE)
                && staff.confirmedAt().plus(settings.confirmWithin()).isBefore(clock.instant())) {
            return Decision.refused(Refusal.CONFIRM);
        }
        return Decision.GRANTED;
    }
}
