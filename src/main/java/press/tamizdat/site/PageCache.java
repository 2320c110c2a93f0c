package press.tamizdat.site;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import press.tamizdat.platform.Heard;
import press.tamizdat.platform.Rejoined;
import press.tamizdat.publishing.ArticleChanged;
import press.tamizdat.publishing.ArticlePublished;
import press.tamizdat.publishing.ArticleUnpublished;
import press.tamizdat.publishing.PageChanged;
import press.tamizdat.reach.MirrorsChanged;
import press.tamizdat.search.SearchIndexChanged;
import press.tamizdat.support.CampaignChanged;

/**
 * Rendered public pages, in memory. Any publishing event empties it, right after the change is
 * committed: one article reaches the home page, its section, its tags, feeds and "Read more"
 * lists, and re-rendering is cheap next to serving a stale page. Search results pages go again a
 * moment later, when the search index has caught up. Another node on the same PostgreSQL
 * database empties its own as it hears the event ({@link Heard}); {@code tamizdat.pages.max-age}
 * bounds how stale a page can be on a node that missed it.
 */
@Component
class PageCache {

    /**
     * A rendered page with the headers to replay on every hit, and its body gzipped once (none when
     * too small to gain from it), for every reader whose browser accepts it.
     */
    record Page(
            int status,
            byte[] body,
            byte @Nullable [] gzipped,
            String etag,
            Instant lastModified,
            Map<String, List<String>> headers) {}

    /** How many clears of all pages, and of search results pages, had happened when a render began. */
    record Generation(long pages, long results) {}

    private final Cache<String, Page> pages;
    /** Counts the clears, so a page rendered before a change cannot be stored after it. */
    private final AtomicLong clears = new AtomicLong();
    /** Counts the times search results pages went, for the same reason. */
    private final AtomicLong resultsClears = new AtomicLong();

    PageCache(PageSettings settings, MeterRegistry meters) {
        this.pages = Caffeine.newBuilder()
                .recordStats()
                .maximumWeight(settings.cacheEntries() * 64L * 1024)
                .weigher((String key, Page page) ->
                        page.body().length + (page.gzipped() == null ? 0 : page.gzipped().length) + 512)
                // bounds how long another node, which did not see the event, serves an old page
                .expireAfterWrite(settings.maxAge())
                .build();
        // cache.gets{cache="pages",result="hit"|"miss"}, cache.size, cache.evictions
        CaffeineCacheMetrics.monitor(meters, pages, "pages");
        Gauge.builder(
                        "tamizdat.pages.cache.bytes",
                        pages,
                        cache -> cache.policy()
                                .eviction()
                                .map(eviction -> eviction.weightedSize().orElse(0))
                                .orElse(0L))
                .description("Bytes the rendered pages in memory take, gzipped copies included")
                .baseUnit("bytes")
                .register(meters);
    }

    Optional<Page> get(String key) {
        return Optional.ofNullable(pages.getIfPresent(key));
    }

    /** The generation to pass to {@link #put} for a page about to be rendered. */
    Generation generation() {
        return new Generation(clears.get(), resultsClears.get());
    }

    /**
     * Keeps a page unless it was cleared while it was being rendered: a render that read the
     * database before a publication committed would otherwise be stored after the clear, stale.
     */
    void put(String key, Page page, Generation renderedIn) {
        pages.asMap().compute(key, (k, old) -> isCurrent(k, renderedIn) ? page : old);
    }

    private boolean isCurrent(String key, Generation renderedIn) {
        return renderedIn.pages() == clears.get() && (!isResults(key) || renderedIn.results() == resultsClears.get());
    }

    private static boolean isResults(String key) {
        return key.equals(SearchPage.PATH) || key.startsWith(SearchPage.PATH + "?");
    }

    void clear() {
        clears.incrementAndGet();
        pages.invalidateAll();
    }

    @TransactionalEventListener
    void on(ArticlePublished event) {
        clear();
    }

    @TransactionalEventListener
    void on(ArticleChanged event) {
        clear();
    }

    @TransactionalEventListener
    void on(ArticleUnpublished event) {
        clear();
    }

    @TransactionalEventListener
    void on(PageChanged event) {
        clear();
    }

    /** The mirror addresses are in every page's footer, the onion address in its headers. */
    @TransactionalEventListener
    void on(MirrorsChanged event) {
        clear();
    }

    /**
     * Search results come from the index, which catches up with a publication only after the
     * clear above: a results page rendered in between would otherwise be kept without the article.
     * Only results pages go (every other page already shows the change, and keeps its
     * {@code Last-Modified}); a results page under way is not stored, as with a full clear. The index
     * changes outside any transaction the pages depend on, so this happens at once.
     */
    @EventListener
    void on(SearchIndexChanged event) {
        resultsClears.incrementAndGet();
        pages.asMap().keySet().removeIf(PageCache::isResults);
    }

    /** The banner and the appeal are on every page. */
    @TransactionalEventListener
    void on(CampaignChanged event) {
        clear();
    }

    /**
     * The same changes made on another node, heard once they committed there (after that node's
     * mirror list and campaign, which listen first, are forgotten here too).
     */
    @EventListener
    void onArticlePublished(Heard<ArticlePublished> heard) {
        clear();
    }

    @EventListener
    void onArticleChanged(Heard<ArticleChanged> heard) {
        clear();
    }

    @EventListener
    void onArticleUnpublished(Heard<ArticleUnpublished> heard) {
        clear();
    }

    @EventListener
    void onPageChanged(Heard<PageChanged> heard) {
        clear();
    }

    @EventListener
    void onMirrorsChanged(Heard<MirrorsChanged> heard) {
        clear();
    }

    @EventListener
    void onCampaignChanged(Heard<CampaignChanged> heard) {
        clear();
    }

    /** Whatever another node changed while this one was not listening. */
    @EventListener
    void on(Rejoined event) {
        clear();
    }
}
