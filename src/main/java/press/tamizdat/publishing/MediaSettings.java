package press.tamizdat.publishing;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import press.tamizdat.platform.Bucket;

/**
 * Limits for uploaded images, the widths generated for responsive pages, and the bucket the files
 * are kept in when several nodes share them (none: the data directory's {@code media} folder).
 */
@ConfigurationProperties("tamizdat.media")
record MediaSettings(DataSize maxUploadSize, long maxPixels, List<Integer> widths, Bucket bucket) {}
