package press.tamizdat.publishing;

import java.util.List;

/** One page of published articles in full; pages count from 1. */
public record ArticlesPage(List<PublishedArticle> articles, int page, int totalPages, long total) {

    public boolean hasNext() {
        return page < totalPages;
    }
}
