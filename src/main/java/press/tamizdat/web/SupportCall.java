package press.tamizdat.web;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The site-wide call to support at the top of every page, offered by the module that runs the campaign. */
public interface SupportCall {

    /** The banner's text and link in the page's language, or null when the newsroom has hidden it. */
    Ui.@Nullable Link banner(Locale locale);
}
