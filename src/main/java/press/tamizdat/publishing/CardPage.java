package press.tamizdat.publishing;

import java.util.List;

/** One page of a list of published articles; pages count from 1. */
public record CardPage(List<ArticleCard> cards, int page, int totalPages, long total) {

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < totalPages;
    }
}
