package press.tamizdat.mail;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPOutputStream;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.jspecify.annotations.Nullable;

/**
 * Angus Mail's SMTP transport with command pipelining (RFC 2920) when the server offers it:
 * {@code MAIL FROM}, {@code RCPT TO} and {@code DATA} go out in one write and their three replies
 * are read together, so a message waits for two answers instead of four. Angus Mail has no
 * pipelining; the newsletter benchmark found a sender idle on those answers (bench/README.md).
 * Everything else — greeting, STARTTLS, authentication, the end of data, failures that close the
 * connection — stays Angus Mail's, through the hooks it offers subclasses for this; without
 * PIPELINING from the server, or without its socket stream ({@link SmtpData}), it sends as Angus
 * Mail does.
 */
final class PipelinedSmtp extends SMTPTransport {

    /**
     * Session settings that add to the MAIL command (delivery notices, submitter, extensions,
     * SMTPUTF8): with any of them set, Angus Mail writes it, without pipelining.
     */
    private static final List<String> MAIL_OPTIONS =
            List.of("dsn.ret", "dsn.notify", "submitter", "mailextension", "allowutf8");

    private final String protocol;
    private @Nullable String sender;
    private Address[] recipients = new Address[0];
    private @Nullable OutputStream queue;
    private @Nullable SMTPOutputStream data;

    /** A transport for {@code protocol}, {@code smtp} or {@code smtps} (TLS from the first byte). */
    PipelinedSmtp(Session session, String protocol) {
        super(session, new URLName(protocol, null, -1, null, null, null), protocol, protocol.equals("smtps"));
        this.protocol = protocol;
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        // the envelope sender as Angus Mail takes it: the session's mail.smtp.from, else the From
        String configured = session.getProperty("mail." + protocol + ".from");
        var from = message.getFrom();
        this.sender = configured != null && !configured.isBlank()
                ? configured
                : from != null && from.length == 1 && from[0] instanceof InternetAddress address
                        ? address.getAddress()
                        : null;
        this.recipients = addresses;
        super.sendMessage(message, addresses);
    }

    @Override
    protected void mailFrom() throws MessagingException {
        boolean plain = MAIL_OPTIONS.stream()
                .allMatch(option -> session.getProperty("mail." + protocol + "." + option) == null);
        // a configured sender with a line break is Angus Mail's to refuse, as it does
        boolean oneLine = sender != null && sender.indexOf('\r') < 0 && sender.indexOf('\n') < 0;
        data = null;
        queue = oneLine && plain && supportsExtension("PIPELINING") ? SmtpData.socketStream(this) : null;
        if (queue == null) {
            super.mailFrom();
            return;
        }
        queue("MAIL FROM:<" + sender + ">");
    }

    @Override
    protected void rcptTo() throws MessagingException {
        if (queue == null) {
            super.rcptTo();
            return;
        }
        for (Address recipient : recipients) {
            queue("RCPT TO:<" + ((InternetAddress) recipient).getAddress() + ">");
        }
    }

    /**
     * Sends {@code DATA} after the queued commands and reads the answers to all of them; any
     * refusal is thrown as Angus Mail would throw it, once the server is back where a new message
     * can begin.
     */
    @Override
    protected OutputStream data() throws MessagingException {
        var queue = this.queue;
        if (queue == null) {
            return super.data();
        }
        queue("DATA");
        flush(queue);
        int mail = readServerResponse();
        String mailAnswer = getLastServerResponse();
        @Nullable
        MessagingException refused = mail == 250
                ? null
                : new SMTPSendFailedException("MAIL FROM", mail, mailAnswer, null, null, recipients, null);
        for (Address recipient : recipients) {
            int rcpt = readServerResponse();
            if (refused == null && rcpt != 250 && rcpt != 251) {
                refused = new SMTPAddressFailedException(
                        (InternetAddress) recipient, "RCPT TO", rcpt, getLastServerResponse());
            }
        }
        int data = readServerResponse();
        if (refused == null && data == 354) {
            this.data = new SMTPOutputStream(queue);
            return this.data;
        }
        if (refused == null) {
            refused = new SMTPSendFailedException("DATA", data, getLastServerResponse(), null, null, recipients, null);
        }
        if (data == 354) {
            // a server that takes DATA although it refused the sender or every recipient waits for an
            // end of data (RFC 2920, 3.1); it is sent empty and then forgotten
            queue(".");
            flush(queue);
            readServerResponse();
        }
        queue("RSET");
        flush(queue);
        readServerResponse();
        throw refused;
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        var queue = this.queue;
        var data = this.data;
        if (queue == null || data == null) {
            super.finishData();
            return;
        }
        data.ensureAtBOL();
        queue(".");
        flush(queue);
        int end = readServerResponse();
        if (end != 250) {
            throw new SMTPSendFailedException(".", end, getLastServerResponse(), null, null, recipients, null);
        }
    }

    private void queue(String command) throws MessagingException {
        try {
            // the addresses were parsed strictly (WireMessage): no line break can be in a command
            var queue = this.queue;
            if (queue == null) {
                throw new IllegalStateException("Not pipelining");
            }
            queue.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new MessagingException("Can't send command to SMTP host", e);
        }
    }

    private static void flush(OutputStream queue) throws MessagingException {
        try {
            queue.flush();
        } catch (IOException e) {
            throw new MessagingException("Can't send command to SMTP host", e);
        }
    }
}
