/**
 * Outbound mail: builds each message (plain text and HTML, Message-ID, Date, extra headers) and
 * delivers it over SMTP, or, on the embedded default with no SMTP host set, writes it to the file
 * outbox that the newsroom lists.
 */
@ApplicationModule(displayName = "Mail", allowedDependencies = "platform")
@NullMarked
package press.tamizdat.mail;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
