package press.tamizdat.newsroom;

import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A staff account as Spring Security sees it during sign-in and in the session. The password hash
 * is here only while the password is checked, and is erased before the session is stored.
 */
final class StaffPrincipal implements UserDetails, CredentialsContainer {

    private final StaffMember member;
    private @Nullable String passwordHash;

    StaffPrincipal(StaffMember member, @Nullable String passwordHash) {
        this.member = member;
        this.passwordHash = passwordHash;
    }

    StaffMember member() {
        return member;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + member.role().name()));
    }

    @Override
    public @Nullable String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return member.email();
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }
}
