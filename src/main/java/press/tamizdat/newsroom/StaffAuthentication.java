package press.tamizdat.newsroom;

import java.time.Instant;
import java.util.stream.Stream;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import press.tamizdat.web.UiFactory;

/**
 * A staff member fully signed in: a password and a second factor, or a passkey. A password alone
 * leaves the plain token Spring Security makes, which the permission table lets through to the
 * second-factor pages only. {@code ref} names the session in {@link StaffSessions}; {@code signedInAt} starts the absolute timeout; {@code confirmedAt} is
 * when a second factor was last shown, for actions that want it shown recently.
 */
final class StaffAuthentication extends AbstractAuthenticationToken {

    private final StaffPrincipal principal;
    private final String ref;
    private final String factor;
    private final Instant signedInAt;
    private final Instant confirmedAt;

    StaffAuthentication(StaffPrincipal principal, String ref, String factor, Instant signedInAt, Instant confirmedAt) {
        super(Stream.concat(
                        principal.getAuthorities().stream(),
                        Stream.of(new SimpleGrantedAuthority("ROLE_" + UiFactory.STAFF)))
                .toList());
        this.principal = principal;
        this.ref = ref;
        this.factor = factor;
        this.signedInAt = signedInAt;
        this.confirmedAt = confirmedAt;
        setAuthenticated(true);
    }

    /** The same sign-in with the second factor shown again now. */
    StaffAuthentication confirmed(String factor, Instant at) {
        return new StaffAuthentication(principal, ref, factor, signedInAt, at);
    }

    @Override
    public StaffPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public String getName() {
        return principal.getUsername();
    }

    StaffMember member() {
        return principal.member();
    }

    /** The session's reference in {@link StaffSessions} and the audit log. */
    String ref() {
        return ref;
    }

    String factor() {
        return factor;
    }

    Instant signedInAt() {
        return signedInAt;
    }

    Instant confirmedAt() {
        return confirmedAt;
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other)
                && other instanceof StaffAuthentication that
                && confirmedAt.equals(that.confirmedAt)
                && signedInAt.equals(that.signedInAt);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
