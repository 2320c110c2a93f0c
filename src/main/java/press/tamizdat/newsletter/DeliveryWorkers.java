package press.tamizdat.newsletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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

    /**
     * How many recipients' subscriptions are looked up together just before their messages go: one
     * query per this many messages, a fraction of a second before each is sent.
     */
    static final int CHECKED_AT_ONCE = 20;

    private final Deliveries deliveries;
    private final EditionMails mails;
    private final Mailer mailer;
    private final NewsletterSettings.Delivery settings;
    private final String node = "node-" + UUID.randomUUID();
    private final List<Thread> senders = new ArrayList<>();
    private @Nullable SentRecords records;
    private final AtomicLong nextSlotNanos = new AtomicLong();
    private volatile boolean running;

    private final Counter sent;

    DeliveryWorkers(
            Deliveries deliveries,
            EditionMails mails,
            Mailer mailer,
            NewsletterSettings settings,
            MeterRegistry meters) {
        this.sent = Counter.builder("tamizdat.newsletter.sent")
                .description("Edition messages this node handed to the SMTP relay")
                .register(meters);
        this.deliveries = deliveries;
        this.mails = mails;
        this.mailer = mailer;
        this.settings = settings.delivery();
    }

    @Override
    public synchronized void start() {
        running = true;
        records = new SentRecords(deliveries::sent, settings.connections());
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
        // the record of this sender's last accepted message, across batches: the next message,
        // whichever batch it belongs to, is accepted only once that record is committed
        var last = new AtomicReference<CompletableFuture<Void>>(CompletableFuture.completedFuture(null));
        while (running) {
            try {
                var claim = deliveries.claim(node);
                if (claim.isEmpty()) {
                    Thread.sleep(settings.pollInterval().toMillis());
                    continue;
                }
                send(claim.get(), last);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a database hiccup: the claim's lease runs out and the batch is taken up again
                log.warn("Edition sender failed; retrying shortly", e);
                sleepQuietly();
            }
        }
    }

    private void send(Deliveries.Claim claim, AtomicReference<CompletableFuture<Void>> last)
            throws InterruptedException {
        var edition = mails.rendered(claim.editionId());
        var due = deliveries.due(claim);
        var records = Objects.requireNonNull(this.records);
        var holding = new Holding(claim);
        Mailer.Connection connection = null;
        Set<Long> subscribed = Set.of();
        try {
            for (int i = 0; i < due.size(); i++) {
                var recipient = due.get(i);
                if (i % CHECKED_AT_ONCE == 0) {
                    // asked again just before these go: an unsubscribe during the send is honoured
                    subscribed = deliveries.stillSubscribed(
                            claim.editionId(),
                            due.subList(i, Math.min(due.size(), i + CHECKED_AT_ONCE)).stream()
                                    .map(Deliveries.Recipient::subscriberId)
                                    .toList());
                }
                if (!subscribed.contains(recipient.subscriberId())) {
                    deliveries.withdrawn(claim, recipient);
                    continue;
                }
                if (!running || !pace(holding)) {
                    settle(last.get());
                    if (running) {
                        log.warn(
                                "Edition {} batch {}: the claim ran out and was taken over; this sender stops",
                                claim.editionId(),
                                claim.batchNo());
                    } else {
                        deliveries.release(claim);
                    }
                    return;
                }
                try {
                    if (connection == null) {
                        connection = mailer.connect();
                    }
                    var previous = last.get();
                    connection.send(
                            mails.addressed(edition, recipient.subscriberId(), recipient.email()),
                            () -> settle(previous));
                    last.set(records.record(claim.editionId(), recipient.subscriberId()));
                    sent.increment();
                } catch (MailFailure failure) {
                    if (last.get().isCompletedExceptionally()) {
                        // the message was dropped because the one before could not be recorded: the
                        // database is failing, so the batch waits for its lease to run out
                        settle(last.get());
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
            settle(last.get());
        } catch (InterruptedException e) {
            settle(last.get());
            deliveries.release(claim);
            throw e;
        } finally {
            closeQuietly(connection);
        }
        deliveries.finish(claim);
    }

    /**
     * Waits until a record is committed — at most a lease, after which the batch may be another
     * sender's anyway — and fails if it was not. Shutting down does not cut the wait short: a
     * message whose end was held back would otherwise count as failed and wait for a retry.
     */
    private void settle(CompletableFuture<Void> record) {
        long deadline = System.nanoTime() + deliveries.lease().toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    record.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | TimeoutException e) {
                    throw new IllegalStateException("A sent message could not be recorded", e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A sender's hold on its batch, renewed four times per lease while it sends or waits. */
    private final class Holding {

        private final Deliveries.Claim claim;
        private final long renewEvery = deliveries.lease().toNanos() / 4;
        private long renewedAt = System.nanoTime();

        Holding(Deliveries.Claim claim) {
            this.claim = claim;
        }

        /** False once the claim is lost: the sender stalled past its lease and another took the batch. */
        boolean keep() {
            if (System.nanoTime() - renewedAt <= renewEvery) {
                return true;
            }
            if (!deliveries.renew(claim)) {
                return false;
            }
            renewedAt = System.nanoTime();
            return true;
        }
    }

    /**
     * Spreads this node's messages evenly under the hourly limit, keeping the claim while it waits;
     * false when the claim was lost.
     */
    private boolean pace(Holding holding) throws InterruptedException {
        long slot = System.nanoTime();
        if (settings.hourlyLimit() > 0) {
            long interval = TimeUnit.HOURS.toNanos(1) / settings.hourlyLimit();
            slot = nextSlotNanos.getAndUpdate(previous -> Math.max(previous, System.nanoTime()) + interval);
        }
        while (true) {
            if (!holding.keep()) {
                return false;
            }
            long wait = slot - System.nanoTime();
            if (wait <= 0) {
                return true;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(wait, holding.renewEvery));
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
