package press.tamizdat.web;

import java.util.List;

/** The outlet's other addresses, for the footer of every page; offered by the module that keeps them. */
public interface MirrorAddresses {

    /** The mirrors' addresses in the newsroom's order, then the onion address if there is one. */
    List<String> all();
}
