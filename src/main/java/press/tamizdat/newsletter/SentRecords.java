package press.tamizdat.newsletter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Records the messages this node's senders had accepted, on a thread of its own, in groups (group
 * commit): a durable commit costs an fsync on PostgreSQL and a page write on the embedded
 * database, and one per message took half of a send's processor time.
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

    private final Consumer<List<Deliveries.Sent>> commit;
    private final int senders;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean open = true;

    /** Records with {@code commit} (one transaction per call) for up to {@code senders} senders. */
    SentRecords(Consumer<List<Deliveries.Sent>> commit, int senders) {
        this.commit = commit;
        this.senders = senders;
        this.writer = Thread.ofPlatform().name("edition-records").daemon().start(this::write);
    }

    /**
     * The record of an accepted message, complete once it is committed, or failed if it cannot be
     * (the database failed, or the writer was closed): it is never left waiting for ever.
     */
    CompletableFuture<Void> record(long editionId, long subscriberId) {
        var pending = new Pending(new Deliveries.Sent(editionId, subscriberId), new CompletableFuture<>());
        queue.add(pending);
        if (!open) {
            failLeftovers();
        }
        return pending.done;
    }

    /** Writes what is queued and ends; a record that comes later fails at once. */
    void close() {
        open = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failLeftovers();
    }

    private void failLeftovers() {
        var left = new ArrayList<Pending>();
        queue.drainTo(left);
        var closed = new IllegalStateException("The record writer is closed");
        left.forEach(pending -> pending.done.completeExceptionally(closed));
    }

    private void write() {
        var group = new ArrayList<Pending>();
        while (open || !queue.isEmpty()) {
            try {
                var first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                gather(group);
                @Nullable Throwable failure = null;
                try {
                    commit.accept(group.stream().map(Pending::sent).toList());
                } catch (Throwable e) {
                    // whatever went wrong, every sender waiting on this group hears of it
                    failure = e;
                }
                for (var pending : group) {
                    if (failure == null) {
                        pending.done.complete(null);
                    } else {
                        pending.done.completeExceptionally(failure);
                    }
                }
                group.clear();
            } catch (InterruptedException e) {
                // close() ends the loop; what is queued is still written
            }
        }
    }

    /** Adds what arrives within {@link #GATHER}, or until every sender has a record in the group. */
    private void gather(ArrayList<Pending> group) {
        long deadline = System.nanoTime() + GATHER.toNanos();
        queue.drainTo(group);
        try {
            while (group.size() < senders) {
                long left = deadline - System.nanoTime();
                var next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                if (next == null) {
                    return;
                }
                group.add(next);
                queue.drainTo(group);
            }
        } catch (InterruptedException e) {
            // commit what is gathered
        }
    }

    private record Pending(Deliveries.Sent sent, CompletableFuture<Void> done) {}
}
