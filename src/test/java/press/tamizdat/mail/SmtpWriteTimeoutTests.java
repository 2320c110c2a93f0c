package press.tamizdat.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A relay that stops reading in the middle of a message: the write times out, on the timer every
 * connection shares, and the sender is free again — rather than blocked until the relay goes away.
 */
@ApplicationModuleTest(ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
class SmtpWriteTimeoutTests {

    private static final CountDownLatch released = new CountDownLatch(1);
    private static ServerSocket relay;

    @DynamicPropertySource
    static void relay(DynamicPropertyRegistry properties) throws IOException {
        relay = new ServerSocket();
        relay.setReceiveBufferSize(4096);
        relay.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofPlatform().daemon().start(SmtpWriteTimeoutTests::stallAfterData);
        properties.add("spring.mail.host", () -> "127.0.0.1");
        properties.add("spring.mail.port", () -> relay.getLocalPort());
        properties.add("spring.mail.properties[mail.smtp.writetimeout]", () -> "500");
    }

    @AfterAll
    static void stop() throws IOException {
        released.countDown();
        relay.close();
    }

    @Autowired
    Mailer mailer;

    @Test
    void aRelayThatStopsReadingFailsTheMessageAfterTheWriteTimeout() {
        // far more than the socket buffers on both sides hold, so the write has to wait for the relay
        var large = new Mail(
                "news@tamizdat.example", "Tamizdat", "reader@example.org", "Large", "x\n".repeat(16_000_000), null);

        assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> assertThatThrownBy(() -> mailer.send(large))
                        .isInstanceOfSatisfying(
                                MailFailure.class,
                                failure -> assertThat(failure.permanent()).isFalse()));
    }

    /** Answers like a relay up to DATA's 354, then reads nothing more until the test ends. */
    private static void stallAfterData() {
        try (Socket client = relay.accept()) {
            var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = client.getOutputStream();
            out.write("220 relay\r\n".getBytes(StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()) != null) {
                String reply = line.startsWith("DATA") ? "354 go on\r\n" : "250 ok\r\n";
                out.write(reply.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (line.startsWith("DATA")) {
                    released.await();
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the test has ended
        }
    }
}
