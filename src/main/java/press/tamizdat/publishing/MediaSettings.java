package press.tamizdat.publishing;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Limits for uploaded images and the widths generated for responsive pages. */
@ConfigurationProperties("tamizdat.media")
record MediaSettings(DataSize maxUploadSize, long maxPixels, List<Integer> widths) {}
