package press.tamizdat.site;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import press.tamizdat.publishing.ArticleChanged;
import press.tamizdat.publishing.ArticlePublished;
import press.tamizdat.publishing.ArticleUnpublished;

/**
 * Rendered public pages, in memory. Any publishing event empties it: one article reaches the home
 * page, its section, its tags, feeds and "Read more" lists, and re-rendering is cheap next to
 * serving a stale page. Other nodes learn of the change through their own listeners.
 */
@Component
class PageCache {

    /** A rendered page with the headers to replay on every hit. */
    record Page(int status, byte[] body, String etag, Instant lastModified, Map<String, List<String>> headers) {}

    private final Cache<String, Page> pages;

    PageCache(PageSettings settings) {
        this.pages = Caffeine.newBuilder()
                .maximumWeight(settings.cacheEntries() * 64L * 1024)
                .weigher((String key, Page page) -> page.body().length + 512)
                .build();
    }

    Optional<Page> get(String key) {
        return Optional.ofNullable(pages.getIfPresent(key));
    }

    void put(String key, Page page) {
        pages.put(key, page);
    }

    void clear() {
        pages.invalidateAll();
    }

    @ApplicationModuleListener
    void on(ArticlePublished event) {
        clear();
    }

    @ApplicationModuleListener
    void on(ArticleChanged event) {
        clear();
    }

    @ApplicationModuleListener
    void on(ArticleUnpublished event) {
        clear();
    }
}
