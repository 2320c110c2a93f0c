package press.tamizdat.mail;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who the platform's own mail comes from (confirmations, receipts); newsletters name their own
 * sender. The outbox is {@code $TAMIZDAT_DATA_DIR/mail/outbox} and is used whenever
 * {@code spring.mail.host} is not set. With {@code dkim} set, every message is DKIM-signed.
 */
@ConfigurationProperties("tamizdat.mail")
public record MailSettings(
        String fromAddress, String fromName, @Nullable Dkim dkim) {

    /** The signing domain ({@code d=}), the selector ({@code s=}) and an RSA key in PKCS#8 PEM. */
    public record Dkim(String domain, String selector, Path privateKey) {}
}
