package press.tamizdat.web;

import java.util.List;
import java.util.Locale;

/** Links for the site's navigation bar, offered by the module that knows them (the site's sections). */
public interface Navigation {

    /** The links, named in the page's language. */
    List<Ui.Link> links(Locale locale);
}
