package press.tamizdat.newsroom;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Who is working right now: the signed-in staff member of the current request. */
@Component
public class CurrentStaff {

    public StaffMember require() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal principal) {
            return principal.member();
        }
        throw new InsufficientAuthenticationException("No staff member is signed in");
    }

    /** The signed-in staff member, if their role is at least {@code role}; otherwise 403. */
    public StaffMember requireAtLeast(Role role) {
        var member = require();
        if (!member.role().atLeast(role)) {
            throw new AccessDeniedException(
                    "This needs the " + role.name().toLowerCase(java.util.Locale.ROOT) + " role");
        }
        return member;
    }
}
