package press.tamizdat.search;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.Heard;
import press.tamizdat.platform.Rejoined;
import press.tamizdat.publishing.ArticleChanged;
import press.tamizdat.publishing.ArticlePublished;
import press.tamizdat.publishing.ArticleUnpublished;
import press.tamizdat.publishing.IndexableArticles;

/**
 * Keeps the index in step with what is published. An event only names the article to look at
 * again: its current state decides whether it is indexed or removed, so events handled late or out
 * of order still leave the index right.
 */
@Component
class SearchIndexUpdater {

    private static final Logger log = LoggerFactory.getLogger(SearchIndexUpdater.class);

    private final IndexableArticles articles;
    private final ArticleIndex index;
    private final ApplicationEventPublisher events;

    /**
     * Reading an article and writing it happen under one lock, so an older read never overwrites a
     * newer one, and a rebuild never writes back what an update just replaced.
     */
    private final ReentrantLock turn = new ReentrantLock();

    SearchIndexUpdater(IndexableArticles articles, ArticleIndex index, ApplicationEventPublisher events) {
        this.articles = articles;
        this.index = index;
        this.events = events;
    }

    @ApplicationModuleListener
    void on(ArticlePublished event) {
        reindex(event.articleId());
    }

    @ApplicationModuleListener
    void on(ArticleChanged event) {
        reindex(event.articleId());
    }

    @ApplicationModuleListener
    void on(ArticleUnpublished event) {
        reindex(event.articleId());
    }

    /** Each node keeps an index of its own: a change made on another one is indexed here as it is heard. */
    @EventListener
    void onArticlePublished(Heard<ArticlePublished> heard) {
        reindex(heard.event().articleId());
    }

    @EventListener
    void onArticleChanged(Heard<ArticleChanged> heard) {
        reindex(heard.event().articleId());
    }

    @EventListener
    void onArticleUnpublished(Heard<ArticleUnpublished> heard) {
        reindex(heard.event().articleId());
    }

    /** Changes made elsewhere while this node was not listening are not known one by one. */
    @EventListener
    void on(Rejoined event) {
        rebuild();
    }

    /** A missing or emptied index folder is filled again from the database at start-up. */
    @EventListener(ApplicationReadyEvent.class)
    void rebuildIfEmpty() {
        if (index.size() == 0 && !articles.publishedIds().isEmpty()) {
            rebuild();
        }
    }

    /** Indexes every published article and drops whatever else the index holds. */
    void rebuild() {
        turn.lock();
        try {
            long started = System.nanoTime();
            int count = index.replaceAll(
                    articles.publishedIds().stream().map(articles::indexable).flatMap(Optional::stream));
            log.info(
                    "Indexed {} published articles for search in {} ms",
                    count,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } finally {
            turn.unlock();
        }
        events.publishEvent(new SearchIndexChanged());
    }

    private void reindex(long articleId) {
        turn.lock();
        try {
            articles.indexable(articleId).ifPresentOrElse(index::put, () -> index.remove(articleId));
        } finally {
            turn.unlock();
        }
        events.publishEvent(new SearchIndexChanged());
    }
}
