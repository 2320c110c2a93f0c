package press.tamizdat.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.search.highlight.SimpleSpanFragmenter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.Language;

/**
 * Finds published articles by their words in English and Russian, any form of a word finding the
 * others ("парад" finds "парадом", "courts" finds "court"); the best match first, then the newest.
 */
@Component
public class Search {

    private static final Logger log = LoggerFactory.getLogger(Search.class);

    static final int PAGE_SIZE = 10;

    /** Enough for any real question; longer input only adds clauses, towards Lucene's limit. */
    private static final int MAX_QUERY_LENGTH = 200;

    private static final int FRAGMENTS = 3;
    private static final int FRAGMENT_LENGTH = 160;
    private static final int OPENING_LENGTH = 240;

    private static final float HEADLINE_BOOST = 2f;
    private static final Sort ORDER =
            new Sort(SortField.FIELD_SCORE, new SortField(ArticleIndex.PUBLISHED_AT, SortField.Type.LONG, true));

    private final ArticleIndex index;

    Search(ArticleIndex index) {
        this.index = index;
    }

    /**
     * Page {@code page} (counted from 1) of the articles matching {@code query}. A blank query finds
     * nothing; a query Lucene cannot parse is read as plain words.
     */
    public SearchResults search(String query, int page) {
        String words = query.strip();
        if (words.isEmpty()) {
            return SearchResults.empty(query);
        }
        if (words.length() > MAX_QUERY_LENGTH) {
            words = words.substring(0, MAX_QUERY_LENGTH);
        }
        int wanted = Math.max(1, page);
        try {
            return page(query, parse(words), wanted);
        } catch (RuntimeException e) {
            // wildcards and fuzzy words can expand beyond Lucene's limit, or build a query that
            // cannot run: the same words without Lucene's syntax, else nothing found
            try {
                return page(query, plainWords(words), wanted);
            } catch (RuntimeException again) {
                log.debug("A search found nothing, since it could not run: {}", again.toString());
                return new SearchResults(query, List.of(), wanted, 0, 0);
            }
        }
    }

    private SearchResults page(String query, Query parsed, int page) {
        return index.read(searcher -> {
            int total = searcher.count(parsed);
            int totalPages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
            if (page > totalPages) {
                return new SearchResults(query, List.of(), page, totalPages, total);
            }
            ScoreDoc[] top = searcher.search(parsed, page * PAGE_SIZE, ORDER).scoreDocs;
            StoredFields stored = searcher.storedFields();
            var hits = new ArrayList<Hit>();
            for (int i = (page - 1) * PAGE_SIZE; i < top.length; i++) {
                hits.add(hit(stored.document(top[i].doc), parsed));
            }
            return new SearchResults(query, List.copyOf(hits), page, totalPages, total);
        });
    }

    private Query parse(String words) {
        try {
            return query(words);
        } catch (ParseException | RuntimeException e) {
            // a stray quote or bracket, or a regular expression the parser cannot build
            return plainWords(words);
        }
    }

    /** The query with Lucene's syntax switched off; lower case, so AND, OR and NOT are words too. */
    private Query plainWords(String words) {
        try {
            return query(QueryParser.escape(words.toLowerCase(Locale.ROOT)));
        } catch (ParseException | RuntimeException e) {
            return new MatchNoDocsQuery();
        }
    }

    /**
     * Every word must be found in one language's analysis of the text (English or Russian); a match
     * in the headline counts double. Each language is parsed on its own: Lucene's multi-field parser
     * would otherwise demand a word in every field as soon as a stop word drops out of the query.
     */
    private Query query(String words) throws ParseException {
        var text = new BooleanQuery.Builder();
        for (String field : List.of(ArticleIndex.EN, ArticleIndex.RU)) {
            text.add(parser(field).parse(words), Occur.SHOULD);
        }
        var query = new BooleanQuery.Builder().add(text.build(), Occur.MUST);
        for (String field : List.of(ArticleIndex.HEADLINE_EN, ArticleIndex.HEADLINE_RU)) {
            query.add(new BoostQuery(parser(field).parse(words), HEADLINE_BOOST), Occur.SHOULD);
        }
        return query.build();
    }

    private QueryParser parser(String field) {
        var parser = new QueryParser(field, index.analyzer());
        parser.setDefaultOperator(QueryParser.Operator.AND);
        return parser;
    }

    private Hit hit(Document document, Query query) {
        Language language =
                Language.fromCode(document.get(ArticleIndex.LANGUAGE)).orElseThrow();
        return new Hit(
                Long.parseLong(document.get(ArticleIndex.ID)),
                document.get(ArticleIndex.PATH),
                document.get(ArticleIndex.HEADLINE),
                snippet(document, language, query),
                language,
                ArticleIndex.publishedAt(document),
                document.get(ArticleIndex.SECTION));
    }

    /**
     * The best fragments of the body with the matches marked, else of the subheadline, else the
     * start of the body: the article may have matched by its headline, tags or bylines alone.
     */
    private String snippet(Document document, Language language, Query query) {
        String body = document.get(ArticleIndex.BODY);
        String subheadline = document.get(ArticleIndex.SUBHEADLINE);
        // the article's own language first; the other one finds words quoted from it
        List<String> fields = language == Language.RU
                ? List.of(ArticleIndex.RU, ArticleIndex.EN)
                : List.of(ArticleIndex.EN, ArticleIndex.RU);
        List<String> texts = subheadline == null ? List.of(body) : List.of(body, subheadline);
        for (String text : texts) {
            for (String field : fields) {
                String marked = highlight(query, field, text);
                if (!marked.isEmpty()) {
                    return marked;
                }
            }
        }
        return opening(body);
    }

    /** Escaped text with the words that match the query in this field marked; empty when none do. */
    private String highlight(Query query, String field, String text) {
        var scorer = new QueryScorer(query, field);
        var highlighter =
                new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new SimpleHTMLEncoder(), scorer);
        highlighter.setTextFragmenter(new SimpleSpanFragmenter(scorer, FRAGMENT_LENGTH));
        try {
            return Arrays.stream(highlighter.getBestFragments(index.analyzer(), field, text, FRAGMENTS))
                    .map(String::strip)
                    .collect(Collectors.joining(" … "));
        } catch (IOException | InvalidTokenOffsetsException | RuntimeException e) {
            // analysing text in memory does not fail with our analysers, but a wildcard may expand
            // to too many words in a long article, and a fuzzy term the query ran with can be one
            // the highlighter refuses to rebuild (a~2): the snippet then goes without marks
            return "";
        }
    }

    private static String opening(String text) {
        String opening = text.strip();
        if (opening.length() > OPENING_LENGTH) {
            int end = opening.lastIndexOf(' ', OPENING_LENGTH);
            opening = opening.substring(0, end > 0 ? end : OPENING_LENGTH) + " …";
        }
        return SimpleHTMLEncoder.htmlEncode(opening);
    }
}
