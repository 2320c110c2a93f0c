package press.tamizdat.web;

import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The site-wide call to support at the top of every page, offered by the module that runs the campaign. */
public interface SupportCall {

    /** The banner's text and link in the page's language, or null when the newsroom has hidden it. */
    Ui.@Nullable Link banner(Locale locale);

    /** How long the banner and the appeal stay hidden in a reader's browser. */
    Quiet quiet();

    /**
     * The quiet periods, kept by the reader's browser alone (the server never knows): after the
     * reader hid the banner or the appeal, and after they gave or asked to be reminded.
     */
    record Quiet(
            @DefaultValue("7d") Duration afterDismissal,
            @DefaultValue("30d") Duration afterSupport) {}
}
