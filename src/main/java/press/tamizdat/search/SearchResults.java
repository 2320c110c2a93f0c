package press.tamizdat.search;

import java.util.List;

/** One page of search results: the hits on it, the page number (from 1) and how many there are in all. */
public record SearchResults(String query, List<Hit> hits, int page, int totalPages, long totalHits) {

    public static SearchResults empty(String query) {
        return new SearchResults(query, List.of(), 1, 0, 0);
    }
}
