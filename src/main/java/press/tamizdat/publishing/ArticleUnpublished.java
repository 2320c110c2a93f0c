package press.tamizdat.publishing;

import press.tamizdat.platform.Broadcast;
import press.tamizdat.platform.Language;

/** A published article was taken down; its page now answers 410 Gone. */
public record ArticleUnpublished(long articleId, Language language, String slug) implements Broadcast {}
