package press.tamizdat.publishing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.ResourceResolver;
import org.springframework.web.servlet.resource.ResourceResolverChain;
import press.tamizdat.web.PublicPaths;

/**
 * Serves stored pictures at {@code /media/<key>/<width>.<ext>}, from the media folder or, with a
 * media bucket, from the bucket through every node (the most asked for kept in memory). A key never
 * changes its content, so they are cached for a year, by browsers and by any cache in front.
 */
@Configuration(proxyBeanMethods = false)
class MediaFiles implements WebMvcConfigurer {

    private static final Pattern FILE = Pattern.compile("[0-9a-f]{32}/[0-9]{1,5}\\.(jpg|png)");
    /** Pictures read from the bucket and kept here, by their bytes. */
    private static final long KEPT_BYTES = 64L * 1024 * 1024;

    private final MediaLibrary library;

    MediaFiles(MediaLibrary library) {
        this.library = library;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        var handler = registry.addResourceHandler(PublicPaths.MEDIA + "**")
                .setCacheControl(
                        CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        if (library.store() instanceof MediaFolder folder) {
            handler.addResourceLocations(folder.root().toUri().toString());
        } else {
            // a picture's time is its key's: nothing to compare a If-Modified-Since with
            handler.setUseLastModified(false).resourceChain(false).addResolver(new FromStore(library.store()));
        }
    }

    /** Reads a picture's file from the store (a bucket), keeping the most asked for in memory. */
    static final class FromStore implements ResourceResolver {

        private final MediaStore store;
        private final Cache<String, byte[]> kept = Caffeine.newBuilder()
                .maximumWeight(KEPT_BYTES)
                .weigher((String path, byte[] bytes) -> bytes.length)
                .build();

        FromStore(MediaStore store) {
            this.store = store;
        }

        @Override
        public @Nullable Resource resolveResource(
                @Nullable HttpServletRequest request,
                String requestPath,
                List<? extends Resource> locations,
                ResourceResolverChain chain) {
            if (!FILE.matcher(requestPath).matches()) {
                return null;
            }
            byte[] bytes = kept.getIfPresent(requestPath);
            if (bytes == null) {
                int slash = requestPath.indexOf('/');
                bytes = store.read(requestPath.substring(0, slash), requestPath.substring(slash + 1))
                        .orElse(null);
                if (bytes == null) {
                    return null;
                }
                kept.put(requestPath, bytes);
            }
            String name = requestPath.substring(requestPath.indexOf('/') + 1);
            return new ByteArrayResource(bytes) {
                @Override
                public String getFilename() {
                    return name;
                }
            };
        }

        @Override
        public @Nullable String resolveUrlPath(
                String resourcePath, List<? extends Resource> locations, ResourceResolverChain chain) {
            return FILE.matcher(resourcePath).matches() ? resourcePath : null;
        }
    }
}
