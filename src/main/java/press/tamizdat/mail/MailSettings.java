package press.tamizdat.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who the platform's own mail comes from (confirmations, receipts); newsletters name their own
 * sender. The outbox is {@code $TAMIZDAT_DATA_DIR/mail/outbox} and is used whenever
 * {@code spring.mail.host} is not set.
 */
@ConfigurationProperties("tamizdat.mail")
public record MailSettings(String fromAddress, String fromName) {}
