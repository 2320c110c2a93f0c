package press.tamizdat.publishing;

/** Where an article is in its life: draft → scheduled → published → unpublished. */
public enum ArticleStatus {
    DRAFT,
    SCHEDULED,
    PUBLISHED,
    UNPUBLISHED
}
