package press.tamizdat.newsroom;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Component;

/**
 * A staff member's passkeys, as Spring Security's WebAuthn support stores them (its user entity's
 * name is the member's address): listed on the account page, removed by their owner or, all at
 * once, by an admin's reset.
 */
@Component
class Passkeys {

    private final PublicKeyCredentialUserEntityRepository users;
    private final UserCredentialRepository credentials;

    Passkeys(PublicKeyCredentialUserEntityRepository users, UserCredentialRepository credentials) {
        this.users = users;
        this.credentials = credentials;
    }

    /** One passkey as the account page lists it. */
    record Passkey(
            String id,
            String label,
            Instant created,
            @Nullable Instant lastUsed) {}

    List<Passkey> of(StaffMember member) {
        return records(member).stream()
                .sorted(Comparator.comparing(CredentialRecord::getCreated))
                .map(record -> new Passkey(
                        record.getCredentialId().toBase64UrlString(),
                        record.getLabel(),
                        record.getCreated(),
                        record.getLastUsed()))
                .toList();
    }

    int count(StaffMember member) {
        return records(member).size();
    }

    /** Removes one of {@code member}'s passkeys; another member's id removes nothing. */
    boolean remove(StaffMember member, String id) {
        var mine = records(member).stream()
                .filter(record -> record.getCredentialId().toBase64UrlString().equals(id))
                .findFirst();
        mine.ifPresent(record -> credentials.delete(record.getCredentialId()));
        return mine.isPresent();
    }

    void removeAll(StaffMember member) {
        records(member).forEach(record -> credentials.delete(record.getCredentialId()));
    }

    private List<CredentialRecord> records(StaffMember member) {
        var user = users.findByUsername(member.email());
        return user == null ? List.of() : credentials.findByUserId(user.getId());
    }
}
