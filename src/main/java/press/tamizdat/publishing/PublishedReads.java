package press.tamizdat.publishing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import press.tamizdat.platform.Heard;
import press.tamizdat.platform.Rejoined;

/**
 * What every article page reads of published articles (the article by its address, what to read
 * next), kept in memory until an article or a page changes on any node: reading them was two
 * fifths of an uncached article's render. Emptied before the page cache is (its listeners run
 * first), and a read that began before a change is not kept after it, so a page rendered after a
 * publication never shows what was there before it.
 */
@Component
class PublishedReads {

    /** Bounds how long a node that missed an event (its link to the others broken) shows an old read. */
    static final Duration LONGEST = Duration.ofMinutes(1);

    private final AtomicLong generation = new AtomicLong();
    private final List<Reads<?, ?>> all = new CopyOnWriteArrayList<>();

    /** A kept read, {@code size} answers at most. */
    <K, V> Reads<K, V> reads(int size) {
        var reads = new Reads<K, V>(Caffeine.newBuilder()
                .maximumSize(size)
                .expireAfterWrite(LONGEST)
                .build());
        all.add(reads);
        return reads;
    }

    final class Reads<K, V> {
        private final Cache<K, V> kept;

        private Reads(Cache<K, V> kept) {
            this.kept = kept;
        }

        V get(K key, Function<K, V> read) {
            V known = kept.getIfPresent(key);
            if (known != null) {
                return known;
            }
            long before = generation.get();
            V fresh = read.apply(key);
            kept.asMap().compute(key, (k, old) -> generation.get() == before ? fresh : old);
            return fresh;
        }
    }

    void clear() {
        generation.incrementAndGet();
        all.forEach(reads -> reads.kept.invalidateAll());
    }

    @TransactionalEventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(ArticlePublished event) {
        clear();
    }

    @TransactionalEventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(ArticleChanged event) {
        clear();
    }

    @TransactionalEventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(ArticleUnpublished event) {
        clear();
    }

    @TransactionalEventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(PageChanged event) {
        clear();
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void onArticlePublished(Heard<ArticlePublished> heard) {
        clear();
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void onArticleChanged(Heard<ArticleChanged> heard) {
        clear();
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void onArticleUnpublished(Heard<ArticleUnpublished> heard) {
        clear();
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void onPageChanged(Heard<PageChanged> heard) {
        clear();
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(Rejoined event) {
        clear();
    }
}
