package press.tamizdat.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.exceptions.FailException;

/**
 * Signs a finished message with DKIM (RFC 6376, rsa-sha256, relaxed/relaxed). The signature
 * covers the identifying headers and, when present, {@code List-Unsubscribe} and
 * {@code List-Unsubscribe-Post}, so that nobody on the way can change where unsubscribing goes.
 */
final class DkimSignature {

    private static final List<String> ALWAYS =
            List.of("from", "to", "subject", "date", "message-id", "mime-version", "content-type");
    private static final List<String> WHEN_PRESENT = List.of("list-unsubscribe", "list-unsubscribe-post", "list-id");

    private final MailSettings.Dkim settings;
    private final PrivateKey key;

    DkimSignature(MailSettings.Dkim settings) {
        this.settings = settings;
        this.key = readKey(settings);
    }

    /** The message with its signature as the first header; {@code extraHeaders} names the headers it has beyond the usual. */
    WireMessage sign(java.util.Set<String> extraHeaders, WireMessage message) throws MailFailure {
        var headers = new ArrayList<>(ALWAYS);
        for (String header : WHEN_PRESENT) {
            if (extraHeaders.stream().anyMatch(header::equalsIgnoreCase)) {
                headers.add(header);
            }
        }
        String template = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + settings.domain() + "; s=" + settings.selector()
                + "; h=" + String.join(":", headers) + "; bh=; b=;";
        try {
            String signature = new DKIMSigner(template, key).sign(new ByteArrayInputStream(message.bytes()));
            return message.withFirstHeader(signature);
        } catch (IOException | FailException e) {
            throw new MailFailure("DKIM signing failed: " + e.getMessage(), false, e);
        }
    }

    private static PrivateKey readKey(MailSettings.Dkim settings) {
        try {
            String pem = Files.readString(settings.privateKey());
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException("The DKIM key " + settings.privateKey() + " cannot be read", e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "The DKIM key " + settings.privateKey() + " is not an RSA key in PKCS#8 PEM (BEGIN PRIVATE KEY)",
                    e);
        }
    }
}
