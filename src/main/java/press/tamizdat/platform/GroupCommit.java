package press.tamizdat.platform;

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
 * Group commit: items from many threads written by one thread of its own, several to a
 * transaction. A durable commit costs an fsync on PostgreSQL and a page write on the embedded
 * database; one per item was half the work of sending a newsletter copy or of starting a checkout.
 * Whoever submits an item gets a future that completes once it is committed, or fails if it
 * cannot be (the database failed, or the writer was closed): it never waits for ever.
 */
public final class GroupCommit<T> {

    private final Consumer<List<T>> commit;
    private final int largest;
    private final Duration gather;
    private final BlockingQueue<Pending<T>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean open = true;

    /**
     * Writes with {@code commit} (one transaction per call) groups of at most {@code largest}
     * items; a group smaller than that waits up to {@code gather} for more (zero: it takes what is
     * queued, which under load is what arrived during the previous commit).
     */
    public GroupCommit(String name, Consumer<List<T>> commit, int largest, Duration gather) {
        this.commit = commit;
        this.largest = largest;
        this.gather = gather;
        this.writer = Thread.ofPlatform().name(name).daemon().start(this::write);
    }

    /** Queues {@code item}; the future completes once it is committed, or fails. */
    public CompletableFuture<Void> submit(T item) {
        var pending = new Pending<>(item, new CompletableFuture<Void>());
        queue.add(pending);
        if (!open) {
            failLeftovers();
        }
        return pending.done;
    }

    /** Writes what is queued and ends; an item that comes later fails at once. */
    public void close() {
        open = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failLeftovers();
    }

    private void failLeftovers() {
        var left = new ArrayList<Pending<T>>();
        queue.drainTo(left);
        var closed = new IllegalStateException("The group commit writer is closed");
        left.forEach(pending -> pending.done.completeExceptionally(closed));
    }

    private void write() {
        var group = new ArrayList<Pending<T>>();
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
                    commit.accept(group.stream().map(Pending::item).toList());
                } catch (Throwable e) {
                    // whatever went wrong, everyone waiting on this group hears of it
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

    /** Adds what is queued, then what arrives within the gathering time, up to the largest group. */
    private void gather(ArrayList<Pending<T>> group) {
        long deadline = System.nanoTime() + gather.toNanos();
        queue.drainTo(group, largest - group.size());
        try {
            while (group.size() < largest) {
                long left = deadline - System.nanoTime();
                var next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                if (next == null) {
                    return;
                }
                group.add(next);
                queue.drainTo(group, largest - group.size());
            }
        } catch (InterruptedException e) {
            // commit what is gathered
        }
    }

    private record Pending<T>(T item, CompletableFuture<Void> done) {}
}
