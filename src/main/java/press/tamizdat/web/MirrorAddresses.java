package press.tamizdat.web;

import java.util.List;

/** The outlet's other addresses, for the footer of every page; offered by the module that keeps them. */
public interface MirrorAddresses {

    /**
     * Marks a request the static mirror makes to read a page: it is served from the page cache if
     * there, but not stored in it (a full export reads every page once, and would push the pages
     * readers want out of the cache).
     */
    String MIRROR_READ = "X-Tamizdat-Mirror";

    /** The mirrors' addresses in the newsroom's order, then the onion address if there is one. */
    List<String> all();
}
