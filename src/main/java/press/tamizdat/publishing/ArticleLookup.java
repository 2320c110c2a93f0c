package press.tamizdat.publishing;

/** What a reader finds at an article address. */
public sealed interface ArticleLookup {

    /** The article is live here. */
    record Found(PublishedArticle article) implements ArticleLookup {}

    /** The article lives at another address now (its slug changed): 301 there. */
    record Moved(String path) implements ArticleLookup {}

    /** The article was unpublished: 410 Gone. */
    record Gone() implements ArticleLookup {}

    /** Nothing was ever published here. */
    record Missing() implements ArticleLookup {}
}
