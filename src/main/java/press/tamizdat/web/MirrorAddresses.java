package press.tamizdat.web;

import java.util.List;
import java.util.Optional;

/** The outlet's other addresses, for the footer of every page; offered by the module that keeps them. */
public interface MirrorAddresses {

    /** The mirrors' addresses in the newsroom's order, then the onion address if there is one. */
    List<String> all();

    /** The address readers may write to for today's addresses, if the outlet answers one. */
    Optional<String> askByEmail();

    /** The full address of a site page on the first healthy mirror, if there is one. */
    Optional<String> onFirstMirror(String sitePath);

    /** The full address of a site page on the onion service, if the outlet has one. */
    Optional<String> onOnion(String sitePath);
}
