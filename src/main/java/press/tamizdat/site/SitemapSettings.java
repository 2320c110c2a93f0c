package press.tamizdat.site;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How many addresses one sitemap file lists before the index splits them (50,000 is the protocol's limit). */
@ConfigurationProperties("tamizdat.sitemap")
record SitemapSettings(@DefaultValue("50000") int maxUrls) {}
