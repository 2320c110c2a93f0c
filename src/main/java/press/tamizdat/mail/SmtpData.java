package press.tamizdat.mail;

import jakarta.mail.Transport;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.eclipse.angus.mail.smtp.SMTPOutputStream;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * A message's data written in one piece onto the SMTP transport's own socket stream, with the
 * leading dots doubled here (RFC 5321, 4.5.2).
 *
 * <p>Why: Angus Mail's data stream looks at every byte twice (for line ends, then for leading
 * dots) and writes each line and then its line end on their own through a locked buffer; for a
 * newsletter copy, hundreds of base64 lines, that was a third of a sender's time (bench/README.md).
 * Our messages already end every line in CRLF, so only the dots are left to do. The transport
 * still speaks the whole conversation: it sends {@code DATA}, and the end of data after
 * {@link WireMessage#asMessage}'s hook; only the bytes in between take the short way.
 *
 * <p>The transport keeps its socket stream in a private field. If a later Angus Mail has no such
 * field, messages go through its data stream as before, only slower; {@code SmtpDataTests} fails
 * then, so the upgrade is noticed.
 */
final class SmtpData {

    private static final @Nullable VarHandle SERVER_OUTPUT = serverOutput();

    private SmtpData() {}

    /** The transport's socket stream, or null when this Angus Mail keeps it elsewhere. */
    static @Nullable OutputStream socketStream(Transport transport) {
        if (SERVER_OUTPUT == null || !(transport instanceof SMTPTransport)) {
            return null;
        }
        return (OutputStream) SERVER_OUTPUT.get((SMTPTransport) transport);
    }

    /**
     * Writes {@code data} (lines ending in CRLF, the last one too) for {@code out}, the data stream
     * the transport hands a message: straight onto {@code socket} when there is one and the
     * transport is in a plain {@code DATA} (not {@code BDAT} chunks), otherwise through {@code out}.
     * {@code dots} false says no line starts with a dot, which spares looking.
     */
    static void write(byte[] data, boolean dots, OutputStream out, @Nullable OutputStream socket) throws IOException {
        if (socket != null && out.getClass() == SMTPOutputStream.class) {
            // the transport flushed DATA to read its 354, so its buffer is empty and the data comes next
            socket.write(dots ? dotStuffed(data) : data);
            socket.flush();
        } else {
            out.write(data);
            out.flush();
        }
    }

    /** {@code data} with a dot added in front of every line that starts with one. */
    static byte[] dotStuffed(byte[] data) {
        int dots = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '.' && (i == 0 || data[i - 1] == '\n')) {
                dots++;
            }
        }
        if (dots == 0) {
            return data;
        }
        var stuffed = new byte[data.length + dots];
        int at = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '.' && (i == 0 || data[i - 1] == '\n')) {
                stuffed[at++] = '.';
            }
            stuffed[at++] = data[i];
        }
        return stuffed;
    }

    private static @Nullable VarHandle serverOutput() {
        try {
            return MethodHandles.privateLookupIn(SMTPTransport.class, MethodHandles.lookup())
                    .findVarHandle(SMTPTransport.class, "serverOutput", OutputStream.class);
        } catch (ReflectiveOperationException | IllegalArgumentException | SecurityException e) {
            LoggerFactory.getLogger(SmtpData.class)
                    .warn("Angus Mail's SMTP socket stream was not found; messages go through its data stream", e);
            return null;
        }
    }
}
