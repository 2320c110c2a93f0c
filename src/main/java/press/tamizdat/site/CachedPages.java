package press.tamizdat.site;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import press.tamizdat.web.HstsSettings;
import press.tamizdat.web.MirrorReads;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.SurrogateKeys;

/**
 * Serves public pages from {@link PageCache} before anything else runs, and gives every public page
 * the headers a CDN and a browser need: {@code ETag}, {@code Last-Modified}, {@code Cache-Control}
 * with {@code s-maxage} and {@code stale-while-revalidate}, and {@code Surrogate-Key} for purges.
 * Conditional requests get {@code 304}. The first render's response headers (the security headers
 * among them) are kept with the page and replayed on every hit.
 */
@Configuration(proxyBeanMethods = false)
class CachedPages {

    /** A controller names the purge keys of its page in this header; the cache keeps and sends it. */
    static final String SURROGATE_KEY = SurrogateKeys.HEADER;

    private static final String STRICT_TRANSPORT_SECURITY = "Strict-Transport-Security";

    /** Pages smaller than this go as they are: gzip's own bytes would eat most of the gain. */
    private static final int GZIP_FROM = 1024;

    private static final List<String> NOT_PAGES =
            List.of("/newsroom", "/actuator", "/livez", "/readyz", "/media/", "/assets/", "/error");
    private static final Set<String> NOT_REPLAYED = Set.of(
            HttpHeaders.SET_COOKIE,
            HttpHeaders.CONTENT_LENGTH,
            HttpHeaders.TRANSFER_ENCODING,
            HttpHeaders.DATE,
            HttpHeaders.ETAG,
            HttpHeaders.LAST_MODIFIED,
            HttpHeaders.CACHE_CONTROL,
            HttpHeaders.VARY,
            // HTTPS only: written for each request by its own scheme, never replayed to the other
            STRICT_TRANSPORT_SECURITY);

    @Bean
    FilterRegistrationBean<PageFilter> pageCacheFilter(
            PageCache cache, PageSettings settings, Clock clock, HstsSettings hsts, MeterRegistry meters) {
        var registration = new FilterRegistrationBean<>(new PageFilter(cache, settings, clock, hsts, meters));
        // first of all filters: a hit needs no session, security context, controller, request
        // observation or encoding filter (only GET and HEAD come here, whose parameters are in the
        // URL, which the connector decodes as UTF-8); the profile showed those at half of a hit
        // (only the reading counter comes earlier, to count pages served from here too, and the
        // checks that refuse a body too large or parameters that cannot be read)
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    static final class PageFilter extends OncePerRequestFilter {

        private final PageCache cache;
        private final PageSettings settings;
        private final Clock clock;
        private final @Nullable String hsts;

        private final Timer renders;

        PageFilter(PageCache cache, PageSettings settings, Clock clock, HstsSettings hsts, MeterRegistry meters) {
            this.renders = Timer.builder("tamizdat.pages.render")
                    .description("Public pages rendered (not served from memory), and how long each took")
                    .register(meters);
            this.hsts = hsts.enabled()
                    ? "max-age=" + hsts.maxAge().toSeconds()
                            + (hsts.includeSubdomains() ? " ; includeSubDomains" : "")
                            + (hsts.preload() ? " ; preload" : "")
                    : null;
            this.cache = cache;
            this.settings = settings;
            this.clock = clock;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            String method = request.getMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                return true;
            }
            String path =
                    request.getRequestURI().substring(request.getContextPath().length());
            return NOT_PAGES.stream().anyMatch(path::startsWith);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String key = key(request);
            var cached = settings.cache() ? cache.get(key) : java.util.Optional.<PageCache.Page>empty();
            if (cached.isPresent()) {
                send(cached.get(), request, response);
                return;
            }
            var generation = cache.generation();
            var capture = new ContentCachingResponseWrapper(response);
            long started = System.nanoTime();
            chain.doFilter(request, capture);
            renders.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
            if (capture.getStatus() != HttpServletResponse.SC_OK
                    || !isPage(capture.getContentType())
                    || capture.getHeader(HttpHeaders.SET_COOKIE) != null
                    || isPrivate(capture.getHeader(HttpHeaders.CACHE_CONTROL))) {
                capture.copyBodyToResponse();
                return;
            }
            byte[] body = capture.getContentAsByteArray();
            // every page lists the latest articles, and shows the banner and the mirror addresses
            String keys = capture.getHeader(SURROGATE_KEY);
            capture.setHeader(
                    SURROGATE_KEY, keys == null ? SurrogateKeys.EVERY_PAGE : keys + " " + SurrogateKeys.EVERY_PAGE);
            boolean keep = settings.cache() && request.getMethod().equals("GET") && !MirrorReads.isMirrorRead(request);
            var page = new PageCache.Page(
                    capture.getStatus(),
                    body,
                    // a kept page is gzipped once, as small as gzip makes it, for every later reader;
                    // one that is not kept only for a reader who takes it, and quickly
                    keep || acceptsGzip(request)
                            ? gzip(body, keep ? Deflater.BEST_COMPRESSION : Deflater.DEFAULT_COMPRESSION)
                            : null,
                    etag(body),
                    clock.instant().truncatedTo(ChronoUnit.SECONDS),
                    replayable(capture));
            if (keep) {
                cache.put(key, page, generation);
            }
            capture.resetBuffer();
            send(page, request, capture);
            capture.copyBodyToResponse();
        }

        /** A page reached through a personal link says so, and is neither kept nor marked public. */
        private static boolean isPrivate(@Nullable String cacheControl) {
            return cacheControl != null && (cacheControl.contains("no-store") || cacheControl.contains("private"));
        }

        private void send(PageCache.Page page, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            page.headers().forEach((name, values) -> {
                if (!response.containsHeader(name)) {
                    values.forEach(value -> response.addHeader(name, value));
                }
            });
            if (hsts != null && request.isSecure()) {
                response.setHeader(STRICT_TRANSPORT_SECURITY, hsts);
            }
            // compressed once, when the page was rendered; a cache in front keeps both versions
            boolean gzipped = page.gzipped() != null && acceptsGzip(request);
            byte[] body = gzipped ? page.gzipped() : page.body();
            if (page.gzipped() != null) {
                response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
            }
            if (gzipped) {
                response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
            }
            response.setHeader(HttpHeaders.ETAG, gzipped ? gzippedEtag(page.etag()) : page.etag());
            response.setDateHeader(
                    HttpHeaders.LAST_MODIFIED, page.lastModified().toEpochMilli());
            response.setHeader(HttpHeaders.CACHE_CONTROL, settings.cacheControl());
            if (notModified(page, request)) {
                response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                return;
            }
            response.setStatus(page.status());
            response.setContentLength(body.length);
            if (!request.getMethod().equals("HEAD")) {
                response.getOutputStream().write(body);
            }
        }

        /** The gzipped version's own entity tag: the same page, other bytes. */
        private static String gzippedEtag(String etag) {
            return etag.substring(0, etag.length() - 1) + "-gzip\"";
        }

        /** Whether the client takes gzip: named in Accept-Encoding (or {@code *}), and not with {@code q=0}. */
        static boolean acceptsGzip(HttpServletRequest request) {
            String accepted = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
            if (accepted == null) {
                return false;
            }
            for (String coding : accepted.split(",")) {
                String[] parts = coding.split(";");
                String name = parts[0].strip().toLowerCase(java.util.Locale.ROOT);
                if (name.equals("gzip") || name.equals("x-gzip") || name.equals("*")) {
                    for (int i = 1; i < parts.length; i++) {
                        String parameter = parts[i].strip().toLowerCase(java.util.Locale.ROOT);
                        if (parameter.matches("q\\s*=\\s*0(\\.0*)?")) {
                            return false;
                        }
                    }
                    return true;
                }
            }
            return false;
        }

        /** A page's body gzipped at {@code level}, or none when that gains little. */
        static byte @Nullable [] gzip(byte[] body, int level) {
            if (body.length < GZIP_FROM) {
                return null;
            }
            var out = new java.io.ByteArrayOutputStream(body.length / 3);
            try (var gzip = new java.util.zip.GZIPOutputStream(out, 8192) {
                {
                    def.setLevel(level);
                }
            }) {
                gzip.write(body);
            } catch (IOException inMemory) {
                throw new java.io.UncheckedIOException(inMemory);
            }
            return out.size() < body.length * 9L / 10 ? out.toByteArray() : null;
        }

        private static boolean notModified(PageCache.Page page, HttpServletRequest request) {
            String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
            if (ifNoneMatch != null) {
                return List.of(ifNoneMatch.split("\\s*,\\s*")).stream()
                        .map(tag -> tag.replaceFirst("^W/", ""))
                        .anyMatch(tag ->
                                tag.equals("*") || tag.equals(page.etag()) || tag.equals(gzippedEtag(page.etag())));
            }
            long ifModifiedSince = -1;
            try {
                ifModifiedSince = request.getDateHeader(HttpHeaders.IF_MODIFIED_SINCE);
            } catch (IllegalArgumentException unreadableDate) {
                return false;
            }
            return ifModifiedSince >= 0
                    && !Instant.ofEpochMilli(ifModifiedSince).isBefore(page.lastModified());
        }

        /**
         * The path and the parameters pages read, in a fixed order: {@code ?a=1&b=2} and
         * {@code ?b=2&a=1} share a page, and a parameter no page reads makes no other entry.
         */
        private static String key(HttpServletRequest request) {
            return request.getRequestURI() + PublicPaths.pageQuery(request.getParameterMap());
        }

        private static boolean isPage(String contentType) {
            return contentType != null
                    && (contentType.startsWith("text/") || contentType.contains("xml") || contentType.contains("json"));
        }

        private static Map<String, List<String>> replayable(HttpServletResponse response) {
            var headers = new LinkedHashMap<String, List<String>>();
            for (String name : response.getHeaderNames()) {
                if (NOT_REPLAYED.stream().noneMatch(name::equalsIgnoreCase)) {
                    headers.put(name, new ArrayList<>(response.getHeaders(name)));
                }
            }
            if (response.getContentType() != null) {
                headers.put(HttpHeaders.CONTENT_TYPE, List.of(response.getContentType()));
            }
            return Map.copyOf(headers);
        }

        private static String etag(byte[] body) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
                return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
