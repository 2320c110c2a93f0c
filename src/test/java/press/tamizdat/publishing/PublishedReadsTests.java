package press.tamizdat.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Reads kept for every page: kept until a change, and never kept across one. */
class PublishedReadsTests {

    final PublishedReads reads = new PublishedReads();
    final PublishedReads.Reads<String, String> headlines = reads.reads(10);
    final AtomicInteger loads = new AtomicInteger();

    @Test
    void aReadIsMadeOnceUntilAnArticleChanges() {
        assertThat(headlines.get("/en/story", path -> "First " + loads.incrementAndGet()))
                .isEqualTo("First 1");
        assertThat(headlines.get("/en/story", path -> "First " + loads.incrementAndGet()))
                .isEqualTo("First 1");

        reads.on(new ArticleChanged(1, press.tamizdat.platform.Language.EN, "story"));

        assertThat(headlines.get("/en/story", path -> "Second " + loads.incrementAndGet()))
                .isEqualTo("Second 2");
    }

    @Test
    void aReadThatBeganBeforeAChangeIsAnsweredButNotKept() {
        String during = headlines.get("/en/story", path -> {
            // the publication commits while this read is under way
            reads.clear();
            return "before the change";
        });

        assertThat(during).isEqualTo("before the change");
        assertThat(headlines.get("/en/story", path -> "after the change")).isEqualTo("after the change");
    }
}
