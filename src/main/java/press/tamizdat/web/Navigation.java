package press.tamizdat.web;

import java.util.List;

/** Links for the site's navigation bar, offered by the module that knows them (the site's sections). */
public interface Navigation {

    List<Ui.Link> links();
}
