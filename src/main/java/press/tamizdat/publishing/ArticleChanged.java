package press.tamizdat.publishing;

import press.tamizdat.platform.Broadcast;
import press.tamizdat.platform.Language;

/** A published article was edited; its public page changed. */
public record ArticleChanged(long articleId, Language language, String slug) implements Broadcast {}
