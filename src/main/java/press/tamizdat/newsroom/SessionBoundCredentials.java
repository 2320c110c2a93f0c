package press.tamizdat.newsroom;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Spring Security's passkey store, which also notes in the session which passkey that session has
 * just registered. The page the browser goes to next accepts only that passkey as proof: another
 * passkey of the same member, registered elsewhere, completes nobody's sign-in here.
 */
class SessionBoundCredentials implements UserCredentialRepository {

    static final String REGISTERED = SessionBoundCredentials.class.getName() + ".registered";

    private final UserCredentialRepository store;

    SessionBoundCredentials(UserCredentialRepository store) {
        this.store = store;
    }

    @Override
    public void save(CredentialRecord record) {
        boolean isNew = store.findByCredentialId(record.getCredentialId()) == null;
        store.save(record);
        var request = RequestContextHolder.getRequestAttributes();
        if (isNew && request != null) {
            request.setAttribute(
                    REGISTERED, record.getCredentialId().toBase64UrlString(), RequestAttributes.SCOPE_SESSION);
        }
    }

    @Override
    public void delete(Bytes credentialId) {
        store.delete(credentialId);
    }

    @Override
    public @Nullable CredentialRecord findByCredentialId(Bytes credentialId) {
        return store.findByCredentialId(credentialId);
    }

    @Override
    public List<CredentialRecord> findByUserId(Bytes userId) {
        return store.findByUserId(userId);
    }
}
