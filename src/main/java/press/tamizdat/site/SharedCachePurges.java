package press.tamizdat.site;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import press.tamizdat.publishing.ArticleChanged;
import press.tamizdat.publishing.ArticlePublished;
import press.tamizdat.publishing.ArticleUnpublished;
import press.tamizdat.publishing.PageChanged;
import press.tamizdat.reach.MirrorsChanged;
import press.tamizdat.support.CampaignChanged;
import press.tamizdat.web.SurrogateKeys;

/**
 * Tells the shared caches in front of the nodes (Varnish with xkey, {@code tamizdat.pages.purge-urls})
 * to forget the pages a change touches, once for the whole site: by the node where it happened,
 * after it committed, and again a moment later. The second purge is for a copy fetched in between
 * from another node that had not yet heard of the change and still served its old page. A purge
 * that fails is retried with the event (the publication registry keeps it).
 *
 * <p>Every publishing event touches every page (each lists the latest articles and shows the banner
 * and the mirror addresses), as it empties every node's own page cache, so the key purged is the
 * one every page carries. The pages' other keys are for an operator's purge by hand.
 */
@Component
class SharedCachePurges implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SharedCachePurges.class);

    /** Longer than a node takes to hear of a change (milliseconds) and to render a page again. */
    static final Duration AGAIN_AFTER = Duration.ofSeconds(2);

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final List<URI> caches;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("cache-purges").daemon().factory());

    private final MeterRegistry meters;

    SharedCachePurges(PageSettings settings, MeterRegistry meters) {
        this.caches = settings.purgeUrls();
        this.meters = meters;
    }

    @ApplicationModuleListener
    void on(ArticlePublished event) {
        purge(SurrogateKeys.EVERY_PAGE);
    }

    @ApplicationModuleListener
    void on(ArticleChanged event) {
        purge(SurrogateKeys.EVERY_PAGE);
    }

    @ApplicationModuleListener
    void on(ArticleUnpublished event) {
        purge(SurrogateKeys.EVERY_PAGE);
    }

    @ApplicationModuleListener
    void on(PageChanged event) {
        purge(SurrogateKeys.EVERY_PAGE);
    }

    @ApplicationModuleListener
    void on(MirrorsChanged event) {
        purge(SurrogateKeys.EVERY_PAGE);
    }

    @ApplicationModuleListener
    void on(CampaignChanged event) {
        purge(SurrogateKeys.EVERY_PAGE);
    }

    private void purge(String keys) {
        if (caches.isEmpty()) {
            return;
        }
        for (URI cache : caches) {
            send(cache, keys);
        }
        later.schedule(
                () -> caches.forEach(cache -> {
                    try {
                        send(cache, keys);
                    } catch (RuntimeException e) {
                        log.warn("The second purge of {} failed: {}", cache, e.getMessage());
                    }
                }),
                AGAIN_AFTER.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void send(URI cache, String keys) {
        var request = HttpRequest.newBuilder(cache)
                .method("PURGE", HttpRequest.BodyPublishers.noBody())
                .header(SurrogateKeys.PURGE_HEADER, keys)
                .timeout(TIMEOUT)
                .build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                count("refused");
                throw new IllegalStateException(cache + " answered a purge with " + response.statusCode());
            }
            count("purged");
        } catch (IOException e) {
            count("failed");
            throw new IllegalStateException(cache + " could not be purged: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while purging " + cache, e);
        }
    }

    private void count(String outcome) {
        meters.counter("tamizdat.pages.purges", "outcome", outcome).increment();
    }

    @Override
    public void destroy() {
        later.shutdownNow();
        http.close();
    }
}
