package press.tamizdat.newsletter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import press.tamizdat.mail.MailFailure;
import press.tamizdat.mail.Mailer;

/**
 * This node's senders: each holds one SMTP connection, claims a batch of an edition being sent,
 * mails its recipients one after another over that connection, and claims the next. Every node
 * runs them, so several nodes share a send through the database; a node that starts again picks
 * up where the send stands.
 */
@Component
class DeliveryWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorkers.class);

    private final Deliveries deliveries;
    private final EditionMails mails;
    private final Mailer mailer;
    private final NewsletterSettings.Delivery settings;
    private final String node = "node-" + UUID.randomUUID();
    private final List<Thread> senders = new ArrayList<>();
    private @Nullable SentRecords records;
    private final AtomicLong nextSlotNanos = new AtomicLong();
    private volatile boolean running;

    DeliveryWorkers(Deliveries deliveries, EditionMails mails, Mailer mailer, NewsletterSettings settings) {
        this.deliveries = deliveries;
        this.mails = mails;
        this.mailer = mailer;
        this.settings = settings.delivery();
    }

    @Override
    public synchronized void start() {
        running = true;
        records = new SentRecords(deliveries, settings.connections());
        for (int i = 0; i < settings.connections(); i++) {
            senders.add(Thread.ofPlatform().name("edition-sender-" + i).daemon().start(this::work));
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        senders.forEach(Thread::interrupt);
        for (Thread sender : senders) {
            try {
                sender.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        senders.clear();
        if (records != null) {
            records.close();
            records = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void work() {
        while (running) {
            try {
                var claim = deliveries.claim(node);
                if (claim.isEmpty()) {
                    Thread.sleep(settings.pollInterval().toMillis());
                    continue;
                }
                send(claim.get());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a database hiccup: the claim's lease runs out and the batch is taken up again
                log.warn("Edition sender failed; retrying shortly", e);
                sleepQuietly();
            }
        }
    }

    private void send(Deliveries.Claim claim) throws InterruptedException {
        var edition = mails.rendered(claim.editionId());
        var due = deliveries.due(claim);
        var records = Objects.requireNonNull(this.records);
        // renewed four times per lease, so that a claim outlives a slow message or a paced send
        long renewEvery = deliveries.lease().toNanos() / 4;
        long renewedAt = System.nanoTime();
        CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
        Mailer.Connection connection = null;
        try {
            for (var recipient : due) {
                if (!running) {
                    previous.join();
                    deliveries.release(claim);
                    return;
                }
                pace();
                if (System.nanoTime() - renewedAt > renewEvery) {
                    if (!deliveries.renew(claim)) {
                        log.warn(
                                "Edition {} batch {}: the claim ran out and was taken over; this sender stops",
                                claim.editionId(),
                                claim.batchNo());
                        return;
                    }
                    renewedAt = System.nanoTime();
                }
                try {
                    if (connection == null) {
                        connection = mailer.connect();
                    }
                    // the server accepts this message only once the previous one is on record
                    connection.send(
                            mails.addressed(edition, recipient.subscriberId(), recipient.email()), previous::join);
                    previous = records.record(claim.editionId(), recipient.subscriberId());
                } catch (MailFailure failure) {
                    if (previous.isCompletedExceptionally()) {
                        // the message was dropped because the one before could not be recorded: the
                        // database is failing, so the batch waits for its lease to run out
                        previous.join();
                    }
                    if (failure.permanent()) {
                        deliveries.bounced(claim, recipient, failure.getMessage());
                    } else {
                        deliveries.deferred(claim, recipient, failure.getMessage());
                        // the connection may be broken; the next recipient gets a fresh one
                        closeQuietly(connection);
                        connection = null;
                    }
                }
            }
            previous.join();
        } finally {
            closeQuietly(connection);
        }
        deliveries.finish(claim);
    }

    /** Spreads this node's messages evenly under the hourly limit. */
    private void pace() throws InterruptedException {
        if (settings.hourlyLimit() <= 0) {
            return;
        }
        long interval = TimeUnit.HOURS.toNanos(1) / settings.hourlyLimit();
        long slot = nextSlotNanos.getAndUpdate(previous -> Math.max(previous, System.nanoTime()) + interval);
        long wait = slot - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static void closeQuietly(Mailer.@Nullable Connection connection) {
        if (connection != null) {
            connection.close();
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(settings.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
