package press.tamizdat.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends mail: over SMTP when {@code spring.mail.host} is set, otherwise into the file outbox. A
 * {@link Connection} carries many messages over one SMTP connection, as a newsletter send needs.
 */
@Component
public class Mailer implements DisposableBean {

    private final @Nullable JavaMailSenderImpl smtp;
    private final Outbox outbox;
    private final Clock clock;
    private final @Nullable DkimSignature dkim;
    private final MailSettings.Security security;

    Mailer(ObjectProvider<JavaMailSenderImpl> smtp, Outbox outbox, Clock clock, MailSettings settings) {
        this.security = settings.security();
        this.smtp = smtp.getIfAvailable();
        this.outbox = outbox;
        this.clock = clock;
        this.dkim = settings.dkim() == null ? null : new DkimSignature(settings.dkim());
    }

    /** Whether mail leaves by SMTP (otherwise it goes to the file outbox). */
    public boolean usesSmtp() {
        return smtp != null;
    }

    /** Sends one message on a connection of its own. */
    public void send(Mail mail) throws MailFailure {
        try (var connection = connect()) {
            connection.send(mail);
        }
    }

    /** Sends one copy of a template on a connection of its own. */
    public void send(MailTemplate.Copy copy) throws MailFailure {
        try (var connection = connect()) {
            connection.send(copy, () -> {});
        }
    }

    /** Opens a connection for messages sent one after another; close it when done. */
    public Connection connect() throws MailFailure {
        if (smtp == null) {
            return new WireConnection() {
                @Override
                void deliver(WireMessage message, Runnable beforeEnd) throws MailFailure {
                    try {
                        beforeEnd.run();
                    } catch (RuntimeException e) {
                        throw new MailFailure("Message abandoned before its end: " + e.getMessage(), false, e);
                    }
                    outbox.store(message.bytes());
                }
            };
        }
        Session session = bulkSession(smtp);
        try {
            Transport transport = new PipelinedSmtp(session, smtp.getProtocol());
            transport.connect(smtp.getHost(), smtp.getPort(), smtp.getUsername(), smtp.getPassword());
            return new SmtpConnection(session, transport);
        } catch (MessagingException e) {
            throw failure(e);
        }
    }

    private volatile @Nullable Session bulk;

    /**
     * The SMTP session with Nagle's algorithm off: a message is a conversation of small commands,
     * and with Nagle's algorithm and delayed acknowledgements each of them waited up to 40 ms for
     * the previous packet's acknowledgement (the newsletter benchmark: 164 messages/s over eight
     * connections, every sender blocked reading the server's reply).
     */
    private Session bulkSession(JavaMailSenderImpl smtp) {
        var session = bulk;
        if (session == null) {
            var properties = new Properties();
            properties.putAll(smtp.getJavaMailProperties());
            switch (security) {
                case NONE -> {
                    properties.put("mail.smtp.socketFactory", new NoDelaySockets());
                    properties.put("mail.smtp.socketFactory.fallback", "false");
                }
                case STARTTLS -> {
                    // the plain socket the conversation starts on, then TLS over it, or no mail at all
                    properties.put("mail.smtp.socketFactory", new NoDelaySockets());
                    properties.put("mail.smtp.socketFactory.fallback", "false");
                    properties.put("mail.smtp.starttls.enable", "true");
                    properties.put("mail.smtp.starttls.required", "true");
                    properties.putIfAbsent("mail.smtp.ssl.checkserveridentity", "true");
                }
                case TLS -> {
                    properties.put("mail.smtp.ssl.enable", "true");
                    properties.putIfAbsent("mail.smtp.ssl.checkserveridentity", "true");
                }
            }
            properties.put("mail." + smtp.getProtocol() + ".executor.writetimeout", writeTimeouts());
            session = Session.getInstance(properties);
            bulk = session;
        }
        return session;
    }

    private final Object timerLock = new Object();
    private @Nullable ScheduledThreadPoolExecutor writeTimeouts;

    /**
     * One timer for the write timeouts of every connection, where Angus Mail would start a thread
     * per connection. A task that runs every second stays at the head of its queue, ahead of every
     * write's timeout (a minute): queuing a write's timeout then wakes no thread. Without it, each
     * write woke the connection's timer thread and put it back to sleep — in the newsletter
     * benchmark, more system calls than the writes themselves.
     */
    private ScheduledExecutorService writeTimeouts() {
        synchronized (timerLock) {
            if (writeTimeouts == null) {
                var timer = new ScheduledThreadPoolExecutor(
                        1,
                        Thread.ofPlatform().name("smtp-write-timeouts").daemon().factory());
                timer.setRemoveOnCancelPolicy(true);
                timer.scheduleWithFixedDelay(() -> {}, 1, 1, TimeUnit.SECONDS);
                writeTimeouts = timer;
            }
            return writeTimeouts;
        }
    }

    @Override
    public void destroy() {
        synchronized (timerLock) {
            if (writeTimeouts != null) {
                writeTimeouts.shutdownNow();
            }
        }
    }

    /** Plain sockets with TCP_NODELAY set. */
    private static final class NoDelaySockets extends javax.net.SocketFactory {

        @Override
        public java.net.Socket createSocket() throws java.io.IOException {
            var socket = new java.net.Socket();
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public java.net.Socket createSocket(String host, int port) throws java.io.IOException {
            var socket = new java.net.Socket(host, port);
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public java.net.Socket createSocket(String host, int port, java.net.InetAddress local, int localPort)
                throws java.io.IOException {
            var socket = new java.net.Socket(host, port, local, localPort);
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress host, int port) throws java.io.IOException {
            var socket = new java.net.Socket(host, port);
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public java.net.Socket createSocket(
                java.net.InetAddress address, int port, java.net.InetAddress local, int localPort)
                throws java.io.IOException {
            var socket = new java.net.Socket(address, port, local, localPort);
            socket.setTcpNoDelay(true);
            return socket;
        }
    }

    /** Messages sent one after another over one connection. */
    public interface Connection extends AutoCloseable {

        default void send(Mail mail) throws MailFailure {
            send(mail, () -> {});
        }

        /**
         * Sends a message, running {@code beforeEnd} once its content is on the way and before the
         * end of data that has the server accept it: a newsletter sender waits there until its
         * previous message is on record, so that the two overlap and yet no more than one accepted
         * message per connection is ever unrecorded. If {@code beforeEnd} throws, the message is
         * abandoned before the server accepts it.
         */
        void send(Mail mail, Runnable beforeEnd) throws MailFailure;

        /** Sends a template's copy, as {@link #send(Mail, Runnable)} sends a message. */
        void send(MailTemplate.Copy copy, Runnable beforeEnd) throws MailFailure;

        @Override
        default void close() {}
    }

    /** A connection that builds each message's bytes here and delivers them its own way. */
    private abstract class WireConnection implements Connection {

        @Override
        public void send(Mail mail, Runnable beforeEnd) throws MailFailure {
            deliver(build(mail), beforeEnd);
        }

        @Override
        public void send(MailTemplate.Copy copy, Runnable beforeEnd) throws MailFailure {
            deliver(build(copy), beforeEnd);
        }

        abstract void deliver(WireMessage message, Runnable beforeEnd) throws MailFailure;
    }

    private final class SmtpConnection extends WireConnection {

        private final Session session;
        private final Transport transport;

        SmtpConnection(Session session, Transport transport) {
            this.session = session;
            this.transport = transport;
        }

        @Override
        void deliver(WireMessage message, Runnable beforeEnd) throws MailFailure {
            try {
                transport.sendMessage(
                        message.asMessage(session, SmtpData.socketStream(transport), beforeEnd),
                        new Address[] {message.to()});
            } catch (MessagingException e) {
                throw failure(e);
            }
        }

        @Override
        public void close() {
            try {
                transport.close();
            } catch (MessagingException e) {
                // the messages already accepted stay accepted; a failed QUIT changes nothing
            }
        }
    }

    /** The message's bytes, DKIM-signed when a key is configured. */
    WireMessage build(Mail mail) throws MailFailure {
        var message = WireMessage.of(mail, clock.instant());
        return dkim == null ? message : dkim.sign(mail.headers().keySet(), message);
    }

    WireMessage build(MailTemplate.Copy copy) throws MailFailure {
        var message = WireMessage.of(copy, clock.instant());
        return dkim == null ? message : dkim.sign(copy.headerNames(), message);
    }

    /** 5xx answers are permanent; 4xx answers, lost connections and timeouts are worth another try. */
    static MailFailure failure(MessagingException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SMTPAddressFailedException address) {
                return new MailFailure(address.getMessage(), address.getReturnCode() >= 500, e);
            }
            if (t instanceof SMTPSendFailedException send) {
                return new MailFailure(send.getMessage(), send.getReturnCode() >= 500, e);
            }
            if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
                var next = m.getNextException();
                if (next instanceof SMTPAddressFailedException || next instanceof SMTPSendFailedException) {
                    return failure((MessagingException) next);
                }
            }
        }
        return new MailFailure(String.valueOf(e.getMessage()), false, e);
    }
}
