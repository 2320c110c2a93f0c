package press.tamizdat.newsroom;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.webauthn.api.AttestationConveyancePreference;
import org.springframework.security.web.webauthn.api.AuthenticationExtensionsClientInputs;
import org.springframework.security.web.webauthn.api.AuthenticatorAttachment;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialDescriptor;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;

/**
 * Keeps the options of a passkey registration between its two requests, in the session, which
 * lives in the database so the second request may reach another node. Spring Security's own
 * repository keeps the options object itself, which Java serialization cannot write (its
 * relying party, parameters and selection criteria are not {@code Serializable}, spring-security
 * issue 16431); this one keeps their values, and builds the options again from them.
 */
class PasskeyCreationOptions implements PublicKeyCredentialCreationOptionsRepository {

    static final String ATTRIBUTE = PasskeyCreationOptions.class.getName();

    /** Every algorithm Spring Security names, found again by its number. */
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            PublicKeyCredentialParameters.EdDSA,
            PublicKeyCredentialParameters.ES256,
            PublicKeyCredentialParameters.ES384,
            PublicKeyCredentialParameters.ES512,
            PublicKeyCredentialParameters.RS256,
            PublicKeyCredentialParameters.RS384,
            PublicKeyCredentialParameters.RS512,
            PublicKeyCredentialParameters.RS1);

    /** The options as plain values. */
    record Kept(
            String rpId,
            String rpName,
            String userName,
            Bytes userId,
            String userDisplayName,
            Bytes challenge,
            List<Long> algorithms,
            @Nullable Duration timeout,
            List<PublicKeyCredentialDescriptor> excludeCredentials,
            @Nullable AuthenticatorAttachment attachment,
            @Nullable String residentKey,
            @Nullable UserVerificationRequirement userVerification,
            @Nullable String attestation,
            @Nullable AuthenticationExtensionsClientInputs extensions)
            implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        static Kept of(PublicKeyCredentialCreationOptions options) {
            var selection = options.getAuthenticatorSelection();
            return new Kept(
                    options.getRp().getId(),
                    options.getRp().getName(),
                    options.getUser().getName(),
                    options.getUser().getId(),
                    options.getUser().getDisplayName(),
                    options.getChallenge(),
                    options.getPubKeyCredParams().stream()
                            .map(parameters -> parameters.getAlg().getValue())
                            .toList(),
                    options.getTimeout(),
                    options.getExcludeCredentials() == null ? List.of() : List.copyOf(options.getExcludeCredentials()),
                    selection == null ? null : selection.getAuthenticatorAttachment(),
                    selection == null || selection.getResidentKey() == null
                            ? null
                            : selection.getResidentKey().getValue(),
                    selection == null ? null : selection.getUserVerification(),
                    options.getAttestation() == null
                            ? null
                            : options.getAttestation().getValue(),
                    options.getExtensions());
        }

        PublicKeyCredentialCreationOptions options() {
            var builder = PublicKeyCredentialCreationOptions.builder()
                    .rp(PublicKeyCredentialRpEntity.builder()
                            .id(rpId)
                            .name(rpName)
                            .build())
                    .user(ImmutablePublicKeyCredentialUserEntity.builder()
                            .name(userName)
                            .id(userId)
                            .displayName(userDisplayName)
                            .build())
                    .challenge(challenge)
                    // the library's own constants: it tells the credential type by identity
                    .pubKeyCredParams(algorithms.stream()
                            .flatMap(alg -> ALGORITHMS.stream()
                                    .filter(known -> known.getAlg().getValue() == alg)
                                    .limit(1))
                            .toList())
                    .excludeCredentials(excludeCredentials)
                    .authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                            .authenticatorAttachment(attachment)
                            .residentKey(residentKey == null ? null : ResidentKeyRequirement.valueOf(residentKey))
                            .userVerification(userVerification)
                            .build());
            Stream.ofNullable(timeout).forEach(builder::timeout);
            Stream.ofNullable(attestation)
                    .forEach(value -> builder.attestation(AttestationConveyancePreference.valueOf(value)));
            Stream.ofNullable(extensions).forEach(builder::extensions);
            return builder.build();
        }
    }

    @Override
    public void save(
            HttpServletRequest request,
            HttpServletResponse response,
            @Nullable PublicKeyCredentialCreationOptions options) {
        if (options == null) {
            var session = request.getSession(false);
            if (session != null) {
                session.removeAttribute(ATTRIBUTE);
            }
            return;
        }
        request.getSession().setAttribute(ATTRIBUTE, Kept.of(options));
    }

    @Override
    public @Nullable PublicKeyCredentialCreationOptions load(HttpServletRequest request) {
        var session = request.getSession(false);
        return session != null && session.getAttribute(ATTRIBUTE) instanceof Kept kept ? kept.options() : null;
    }
}
