package press.tamizdat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An SMTP server on the loopback interface that refuses every recipient for good, quoting the
 * address as real servers do ({@code 550 5.1.1 <reader@example.org>: Recipient address rejected}).
 * Enough of the protocol for Jakarta Mail to get that far; GreenMail accepts everyone.
 */
public final class RefusingSmtp implements AutoCloseable {

    private final ServerSocket server;
    private final java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();

    public RefusingSmtp() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("refusing-smtp").start(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> converse(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private final java.util.Queue<String> addresses = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** How many recipients were refused so far. */
    public int refused() {
        return refused.get();
    }

    /** The addresses refused so far, as the client named them, in order. */
    public java.util.List<String> refusedAddresses() {
        return java.util.List.copyOf(addresses);
    }

    private void converse(Socket client) {
        try (client;
                var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = client.getOutputStream()) {
            say(out, "220 refusing.example ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    say(out, "250-refusing.example\r\n250 8BITMIME");
                } else if (command.startsWith("HELO")
                        || command.startsWith("MAIL FROM")
                        || command.startsWith("RSET")
                        || command.startsWith("NOOP")) {
                    say(out, "250 2.0.0 Ok");
                } else if (command.startsWith("RCPT TO:")) {
                    String address = line.substring("RCPT TO:".length()).strip();
                    refused.incrementAndGet();
                    addresses.add(address.replaceAll("^<|>$", ""));
                    say(out, "550 5.1.1 " + address + ": Recipient address rejected: no such user here");
                } else if (command.startsWith("DATA")) {
                    say(out, "554 5.5.1 No valid recipients");
                } else if (command.startsWith("QUIT")) {
                    say(out, "221 2.0.0 Bye");
                    return;
                } else {
                    say(out, "502 5.5.2 Not implemented");
                }
            }
        } catch (IOException gone) {
            // the client hung up
        }
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
