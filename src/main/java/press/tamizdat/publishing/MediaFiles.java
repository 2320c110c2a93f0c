package press.tamizdat.publishing;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Serves stored pictures; a key never changes its content, so they are cached for a year. */
@Configuration(proxyBeanMethods = false)
class MediaFiles implements WebMvcConfigurer {

    private final MediaLibrary library;

    MediaFiles(MediaLibrary library) {
        this.library = library;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/media/**")
                .addResourceLocations(library.root().toUri().toString())
                .setCacheControl(
                        CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
    }
}
