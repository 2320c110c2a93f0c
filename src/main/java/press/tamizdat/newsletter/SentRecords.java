package press.tamizdat.newsletter;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import press.tamizdat.platform.GroupCommit;

/**
 * Records the messages this node's senders had accepted, in groups (see {@link GroupCommit}).
 *
 * <p>A sender holds each message's end of data until its previous message is on record (see
 * {@link press.tamizdat.mail.Mailer.Connection#send(press.tamizdat.mail.Mail, Runnable)}), so the
 * commit overlaps the next message's transfer and still, after a crash, at most one accepted
 * message per connection is unrecorded.
 */
final class SentRecords {

    /**
     * How long the writer waits for more records before it commits a group smaller than one per
     * sender: about one message's transfer, which the wait overlaps. Without it, groups held one or
     * two records; with it, five to eight.
     */
    private static final Duration GATHER = Duration.ofMillis(1);

    private final GroupCommit<Deliveries.Sent> writer;

    /** Records with {@code commit} (one transaction per call) for up to {@code senders} senders. */
    SentRecords(Consumer<List<Deliveries.Sent>> commit, int senders) {
        this.writer = new GroupCommit<>("edition-records", commit, senders, GATHER);
    }

    /**
     * The record of an accepted message, complete once it is committed, or failed if it cannot be
     * (the database failed, or the writer was closed): it is never left waiting for ever.
     */
    CompletableFuture<Void> record(long editionId, long subscriberId) {
        return writer.submit(new Deliveries.Sent(editionId, subscriberId));
    }

    /** Writes what is queued and ends; a record that comes later fails at once. */
    void close() {
        writer.close();
    }
}
