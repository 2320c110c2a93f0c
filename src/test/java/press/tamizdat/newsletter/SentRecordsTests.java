package press.tamizdat.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The record writer: every record ends committed or failed, never waiting for ever. */
class SentRecordsTests {

    @Test
    void recordsCompleteOnceTheirGroupIsCommitted() throws Exception {
        var committed = new CopyOnWriteArrayList<Deliveries.Sent>();
        var records = new SentRecords(committed::addAll, 4);
        try {
            var first = records.record(7, 1);
            var second = records.record(7, 2);

            first.get(5, TimeUnit.SECONDS);
            second.get(5, TimeUnit.SECONDS);

            assertThat(committed).containsExactlyInAnyOrder(new Deliveries.Sent(7, 1), new Deliveries.Sent(7, 2));
        } finally {
            records.close();
        }
    }

    @Test
    void aFailedCommitFailsEveryRecordOfItsGroupAndTheWriterGoesOn() throws Exception {
        var calls = new AtomicInteger();
        var records = new SentRecords(
                group -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new OutOfMemoryError("simulated");
                    }
                },
                1);
        try {
            var failed = records.record(7, 1);
            assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);

            records.record(7, 2).get(5, TimeUnit.SECONDS);
        } finally {
            records.close();
        }
    }

    @Test
    void closingWritesWhatIsQueuedAndARecordAfterwardsFailsAtOnce() throws Exception {
        var committed = new CopyOnWriteArrayList<Deliveries.Sent>();
        var records = new SentRecords(committed::addAll, 8);
        var queued = records.record(7, 1);

        records.close();

        assertThat(queued).isCompleted();
        assertThat(committed).containsExactly(new Deliveries.Sent(7, 1));
        var late = records.record(7, 2);
        assertThat(late).isCompletedExceptionally();
        assertThat(committed).hasSize(1);
    }

    @Test
    void recordsArrivingDuringACommitShareTheNextOne() throws Exception {
        var groups = new CopyOnWriteArrayList<List<Deliveries.Sent>>();
        var allQueued = new CountDownLatch(1);
        var records = new SentRecords(
                group -> {
                    groups.add(group);
                    if (groups.size() == 1) {
                        awaitQuietly(allQueued);
                    }
                },
                3);
        try {
            var all = List.of(records.record(7, 1), records.record(7, 2), records.record(7, 3));
            allQueued.countDown();
            for (var record : all) {
                record.get(5, TimeUnit.SECONDS);
            }

            assertThat(groups.stream().mapToInt(List::size).sum()).isEqualTo(3);
            assertThat(groups.size()).isLessThan(3);
        } finally {
            records.close();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
