package press.tamizdat.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How large a request body may be, by who sends it: a reader's form post, a payment provider's
 * event. Newsroom forms are bounded by the servlet container's form limit, uploads by the
 * multipart limits ({@code spring.servlet.multipart}).
 */
@ConfigurationProperties("tamizdat.requests")
public record RequestSettings(DataSize publicForm, DataSize webhook) {}
