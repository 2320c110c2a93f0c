package press.tamizdat.publishing;

import press.tamizdat.platform.Broadcast;
import press.tamizdat.platform.Language;

/** A standing page's text changed. */
public record PageChanged(String slug, Language language, int version) implements Broadcast {}
