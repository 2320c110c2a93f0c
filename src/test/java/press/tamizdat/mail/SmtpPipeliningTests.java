package press.tamizdat.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Against a relay that offers PIPELINING and answers nothing until it has read a message's MAIL,
 * RCPT and DATA — a client that waited for each answer would hang here — messages go through, and
 * each kind of refusal is reported as Angus Mail reports it, with the connection ready for the next.
 */
@ApplicationModuleTest(ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
class SmtpPipeliningTests {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    /** What the relay answers to each message's MAIL, RCPT and DATA, one line per message. */
    private static final Deque<String[]> answers = new ArrayDeque<>();

    /** Every line the relay read, data included. */
    private static final List<String> heard = new CopyOnWriteArrayList<>();

    private static ServerSocket relay;

    @DynamicPropertySource
    static void relay(DynamicPropertyRegistry properties) throws IOException {
        relay = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(SmtpPipeliningTests::serve);
        properties.add("spring.mail.host", () -> "127.0.0.1");
        properties.add("spring.mail.port", () -> relay.getLocalPort());
        properties.add("spring.mail.properties[mail.smtp.from]", () -> "bounces@tamizdat.example");
    }

    @AfterAll
    static void stop() throws IOException {
        relay.close();
    }

    @Autowired
    Mailer mailer;

    @BeforeEach
    void clear() {
        answers.clear();
        heard.clear();
    }

    @Test
    void aMessageGoesOutWithItsCommandsInOneWriteAndLeadingDotsDoubled() {
        answers.add(new String[] {"250 ok", "250 ok", "354 go on"});

        assertTimeoutPreemptively(
                PATIENCE,
                () -> mailer.send(new Mail(
                        "news@tamizdat.example", "Tamizdat", "reader@example.org", "Hello", "Text\n.dot\n", null)));

        assertThat(heard)
                .containsSubsequence("MAIL FROM:<bounces@tamizdat.example>", "RCPT TO:<reader@example.org>", "DATA")
                .containsSubsequence("Text", "..dot", ".", "QUIT")
                .contains("Subject: Hello");
    }

    @Test
    void withoutAConfiguredBounceAddressTheEnvelopeSenderIsTheFromAddress() throws Exception {
        var session = jakarta.mail.Session.getInstance(new java.util.Properties());
        var transport = new PipelinedSmtp(session, "smtp");
        var message = WireMessage.of(mail("reader@example.org"), java.time.Instant.EPOCH);

        assertTimeoutPreemptively(PATIENCE, () -> {
            transport.connect("127.0.0.1", relay.getLocalPort(), null, null);
            try {
                transport.sendMessage(
                        message.asMessage(session, SmtpData.socketStream(transport), () -> {}),
                        new jakarta.mail.Address[] {message.to()});
            } finally {
                transport.close();
            }
        });

        assertThat(heard)
                .containsSubsequence("MAIL FROM:<news@tamizdat.example>", "RCPT TO:<reader@example.org>", "DATA", ".");
    }

    @Test
    void aRefusedRecipientIsAPermanentFailureAndTheNextMessageStillGoes() {
        answers.add(new String[] {"250 ok", "550 5.1.1 no such user", "554 5.5.1 no valid recipients"});
        answers.add(new String[] {"250 ok", "250 ok", "354 go on"});

        assertTimeoutPreemptively(PATIENCE, () -> {
            try (var connection = mailer.connect()) {
                assertThatThrownBy(() -> connection.send(mail("gone@example.org")))
                        .isInstanceOfSatisfying(
                                MailFailure.class,
                                failure -> assertThat(failure.permanent()).isTrue());
                connection.send(mail("reader@example.org"));
            }
        });

        assertThat(heard)
                .containsSubsequence(
                        "RCPT TO:<gone@example.org>",
                        "DATA",
                        "RSET",
                        "RCPT TO:<reader@example.org>",
                        "DATA",
                        "Subject: Hi",
                        ".");
    }

    @Test
    void aSenderRefusedForNowIsAPassingFailure() {
        answers.add(new String[] {"451 4.3.0 try later", "503 5.5.1 sender first", "503 5.5.1 sender first"});

        assertTimeoutPreemptively(
                PATIENCE,
                () -> assertThatThrownBy(() -> mailer.send(mail("reader@example.org")))
                        .isInstanceOfSatisfying(
                                MailFailure.class,
                                failure -> assertThat(failure.permanent()).isFalse()));

        assertThat(heard).containsSubsequence("MAIL FROM:<bounces@tamizdat.example>", "DATA", "RSET");
    }

    @Test
    void aServerThatTakesDataAfterRefusingTheRecipientGetsAnEmptyEndAndAReset() {
        answers.add(new String[] {"250 ok", "550 5.1.1 no such user", "354 go on anyway"});

        assertTimeoutPreemptively(
                PATIENCE,
                () -> assertThatThrownBy(() -> mailer.send(mail("gone@example.org")))
                        .isInstanceOfSatisfying(
                                MailFailure.class,
                                failure -> assertThat(failure.permanent()).isTrue()));

        assertThat(heard).containsSubsequence("DATA", ".", "RSET").doesNotContain("Subject: Hi");
    }

    private static Mail mail(String to) {
        return new Mail("news@tamizdat.example", "Tamizdat", to, "Hi", "Text", null);
    }

    /** One connection after another: EHLO with PIPELINING, then messages as {@link #answers} says. */
    private static void serve() {
        while (!relay.isClosed()) {
            try (Socket client = relay.accept()) {
                var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = client.getOutputStream();
                answer(out, "220 relay");
                String line;
                while ((line = in.readLine()) != null) {
                    heard.add(line);
                    if (line.startsWith("EHLO")) {
                        answer(out, "250-relay\r\n250 PIPELINING");
                    } else if (line.startsWith("MAIL")) {
                        // nothing is answered before the whole group has arrived
                        String rcpt = in.readLine();
                        String data = in.readLine();
                        heard.add(rcpt);
                        heard.add(data);
                        String[] replies =
                                answers.isEmpty() ? new String[] {"250 ok", "250 ok", "354 go on"} : answers.poll();
                        answer(out, replies[0] + "\r\n" + replies[1] + "\r\n" + replies[2]);
                        if (replies[2].startsWith("354")) {
                            String content;
                            while ((content = in.readLine()) != null) {
                                heard.add(content);
                                if (content.equals(".")) {
                                    break;
                                }
                            }
                            answer(
                                    out,
                                    replies[0].startsWith("250") && replies[1].startsWith("250")
                                            ? "250 queued"
                                            : "554 nothing to deliver");
                        }
                    } else if (line.startsWith("QUIT")) {
                        answer(out, "221 bye");
                        break;
                    } else {
                        answer(out, "250 ok");
                    }
                }
            } catch (IOException e) {
                // the test has ended, or the client went away
            }
        }
    }

    private static void answer(OutputStream out, String lines) throws IOException {
        out.write((lines + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
