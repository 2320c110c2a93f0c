package press.tamizdat.mail;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who the platform's own mail comes from (confirmations, receipts); newsletters name their own
 * sender. The outbox is {@code $TAMIZDAT_DATA_DIR/mail/outbox} and is used whenever
 * {@code spring.mail.host} is not set. With {@code dkim} set, every message is DKIM-signed. The
 * connection to the SMTP server is plain, or encrypted as {@code security} says.
 */
@ConfigurationProperties("tamizdat.mail")
public record MailSettings(
        String fromAddress,
        String fromName,
        @Nullable Dkim dkim,
        @DefaultValue("none") Security security) {

    /** How the connection to the SMTP server is protected. */
    public enum Security {
        /** Plain SMTP (a relay on the same machine or network). */
        NONE,
        /** STARTTLS, required: a server that does not offer it gets no mail, nothing goes in the clear. */
        STARTTLS,
        /** TLS from the first byte (SMTPS, usually port 465). */
        TLS
    }

    /** The signing domain ({@code d=}), the selector ({@code s=}) and an RSA key in PKCS#8 PEM. */
    public record Dkim(String domain, String selector, Path privateKey) {}
}
