package press.tamizdat.search;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.publishing.IndexableArticle;

/**
 * The Lucene index of published articles in {@code <data-dir>/index/articles}. One writer serves
 * the application's whole life; every change is committed at once, so a restart loses nothing, and
 * the searchers are refreshed before the change returns, so the next search sees it.
 */
@Component
class ArticleIndex {

    // stored, to show a hit
    static final String ID = "id";
    static final String PATH = "path";
    static final String HEADLINE = "headline";
    static final String SUBHEADLINE = "subheadline";
    static final String BODY = "body";
    static final String LANGUAGE = "language";
    static final String SECTION = "section";
    static final String PUBLISHED_AT = "published_at";

    // searched: all the words in both languages' analysis, and the headline again so a match there weighs more
    static final String EN = "en";
    static final String RU = "ru";
    static final String HEADLINE_EN = "headline_en";
    static final String HEADLINE_RU = "headline_ru";

    private static final Logger log = LoggerFactory.getLogger(ArticleIndex.class);

    private final Path folder;
    private final Analyzer analyzer = englishAndRussian();
    private final FSDirectory directory;

    /** Null when another process on the same data directory holds the index: this one then only reads it. */
    private final @Nullable IndexWriter writer;

    private volatile @Nullable SearcherManager searchers;

    ArticleIndex(TamizdatSettings settings) throws IOException {
        folder = settings.dataDir().resolve("index").resolve("articles").toAbsolutePath();
        directory = FSDirectory.open(Files.createDirectories(folder));
        writer = openWriter();
        if (writer != null) {
            searchers = new SearcherManager(writer, new SearcherFactory());
        }
    }

    /**
     * Every article is analysed the English and the Russian way, and every query word is looked up
     * both ways. Each analyser also drops the other language's stop words: otherwise "the" would stay
     * a word the Russian field must contain, and "и" one the English field must.
     */
    private static Analyzer englishAndRussian() {
        var stopWords = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false);
        stopWords.addAll(RussianAnalyzer.getDefaultStopSet());
        var english = new EnglishAnalyzer(stopWords);
        var russian = new RussianAnalyzer(stopWords);
        return new PerFieldAnalyzerWrapper(
                english, Map.of(EN, english, HEADLINE_EN, english, RU, russian, HEADLINE_RU, russian));
    }

    private @Nullable IndexWriter openWriter() throws IOException {
        try {
            var opened = new IndexWriter(directory, new IndexWriterConfig(analyzer));
            // a new index is visible to a reader in another process only once committed
            opened.commit();
            return opened;
        } catch (LockObtainFailedException e) {
            log.warn(
                    "The search index in {} is held by another process; this one searches it but does not update it",
                    folder);
            return null;
        }
    }

    Analyzer analyzer() {
        return analyzer;
    }

    /** Adds the article, or replaces the version indexed before. */
    void put(IndexableArticle article) {
        change(writer -> writer.updateDocument(idTerm(article.id()), document(article)));
    }

    void remove(long articleId) {
        change(writer -> writer.deleteDocuments(idTerm(articleId)));
    }

    /**
     * Makes the index hold exactly these articles and returns how many that is. Articles are replaced
     * one by one and the rest removed at the end, rather than emptying the index first, so a rebuild
     * that fails half-way leaves an index that is incomplete at worst, never emptied.
     */
    int replaceAll(Stream<IndexableArticle> articles) {
        var kept = new ArrayList<BytesRef>();
        change(writer -> {
            for (var it = articles.iterator(); it.hasNext(); ) {
                IndexableArticle article = it.next();
                writer.updateDocument(idTerm(article.id()), document(article));
                kept.add(new BytesRef(String.valueOf(article.id())));
            }
            writer.deleteDocuments(
                    kept.isEmpty()
                            ? new MatchAllDocsQuery()
                            : new BooleanQuery.Builder()
                                    .add(new MatchAllDocsQuery(), Occur.MUST)
                                    .add(new TermInSetQuery(ID, kept), Occur.MUST_NOT)
                                    .build());
        });
        return kept.size();
    }

    int size() {
        return read(searcher -> searcher.getIndexReader().numDocs());
    }

    /** Something done with a searcher over the latest committed state of the index. */
    interface Reading<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    <T> T read(Reading<T> reading) {
        try {
            SearcherManager manager = searchers();
            if (manager == null) {
                // the other process has not committed an index yet: there is nothing to find
                return reading.apply(new IndexSearcher(new MultiReader()));
            }
            IndexSearcher searcher = manager.acquire();
            try {
                return reading.apply(searcher);
            } finally {
                manager.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private @Nullable SearcherManager searchers() throws IOException {
        if (writer != null) {
            return searchers;
        }
        synchronized (this) {
            SearcherManager manager = searchers;
            if (manager == null && DirectoryReader.indexExists(directory)) {
                manager = new SearcherManager(directory, new SearcherFactory());
                searchers = manager;
            }
            if (manager != null) {
                // the writing process commits every change; pick up what it committed since
                manager.maybeRefresh();
            }
            return manager;
        }
    }

    private interface Change {
        void apply(IndexWriter writer) throws IOException;
    }

    private void change(Change change) {
        SearcherManager manager = searchers;
        if (writer == null || manager == null) {
            log.warn("Search index change skipped: the index in {} is held by another process", folder);
            return;
        }
        try {
            change.apply(writer);
            writer.commit();
            manager.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Term idTerm(long articleId) {
        return new Term(ID, String.valueOf(articleId));
    }

    private static Document document(IndexableArticle article) {
        var searchable = new ArrayList<String>();
        searchable.add(article.headline());
        String subheadline = article.subheadline();
        if (subheadline != null) {
            searchable.add(subheadline);
        }
        searchable.add(article.text());
        searchable.add(String.join(", ", article.tags()));
        searchable.add(String.join(", ", article.bylines()));
        String text = String.join("\n\n", searchable);
        long publishedAt = ChronoUnit.MICROS.between(Instant.EPOCH, article.publishedAt());

        var document = new Document();
        document.add(new StringField(ID, String.valueOf(article.id()), Field.Store.YES));
        document.add(new StoredField(PATH, article.path()));
        document.add(new StoredField(HEADLINE, article.headline()));
        if (subheadline != null) {
            document.add(new StoredField(SUBHEADLINE, subheadline));
        }
        document.add(new StoredField(BODY, article.text()));
        document.add(new StoredField(LANGUAGE, article.language().code()));
        document.add(new StoredField(SECTION, article.sectionName()));
        document.add(new StoredField(PUBLISHED_AT, publishedAt));
        document.add(new NumericDocValuesField(PUBLISHED_AT, publishedAt));
        for (String field : List.of(EN, RU)) {
            document.add(new TextField(field, text, Field.Store.NO));
        }
        for (String field : List.of(HEADLINE_EN, HEADLINE_RU)) {
            document.add(new TextField(field, article.headline(), Field.Store.NO));
        }
        return document;
    }

    /** The publication time as stored: microseconds, the precision the application keeps. */
    static Instant publishedAt(Document document) {
        return Instant.EPOCH.plus(document.getField(PUBLISHED_AT).numericValue().longValue(), ChronoUnit.MICROS);
    }

    @PreDestroy
    void close() throws IOException {
        IOUtils.close(searchers, writer, directory, analyzer);
    }
}
