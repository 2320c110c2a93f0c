package press.tamizdat.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import press.tamizdat.TamizdatApplication;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.newsroom.StaffMember;
import press.tamizdat.platform.Language;

/**
 * Scheduled articles go live at their time through the persistent job — also when the
 * application was stopped and started again in between, and only once when several nodes run.
 */
class ScheduledPublishingTests {

    static ConfigurableApplicationContext start(String database) {
        return new SpringApplicationBuilder(TamizdatApplication.class)
                .properties("server.port=0", "tamizdat.test.database-name=" + database)
                .run();
    }

    record Scheduled(long id, Instant at) {}

    /**
     * A new editor's article, scheduled {@code ahead} of the moment it is scheduled: creating the
     * editor (an Argon2 hash) and the article can take seconds on a busy machine.
     */
    static Scheduled scheduleArticle(ConfigurableApplicationContext app, Duration ahead) {
        StaffMember editor = app.getBean(StaffAccounts.class)
                .create(
                        "sched-" + UUID.randomUUID() + "@example.org",
                        "Scheduler",
                        Role.EDITOR,
                        "correct horse battery",
                        false);
        var desk = app.getBean(ArticleDesk.class);
        var sections = app.getBean(Sections.class);
        String slug = "scheduled-" + UUID.randomUUID().toString().substring(0, 8);
        long id = desk.create(
                        new ArticleContent(
                                Language.EN,
                                slug,
                                "Scheduled",
                                null,
                                "Body.",
                                sections.findBySlug("news").orElseThrow().id(),
                                List.of("Scheduler"),
                                List.of(),
                                null),
                        editor)
                .articleId();
        Instant at = Instant.now().plus(ahead).truncatedTo(ChronoUnit.SECONDS);
        desk.schedule(id, at, editor);
        return new Scheduled(id, at);
    }

    static ArticleStatus status(ConfigurableApplicationContext app, long id) {
        return app.getBean(ArticleRepository.class).findById(id).orElseThrow().status();
    }

    static long version(ConfigurableApplicationContext app, long id) {
        return app.getBean(ArticleRepository.class).findById(id).orElseThrow().version();
    }

    static int jobs(ConfigurableApplicationContext app, long id) {
        return app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'publish-article' AND task_instance = :id")
                .param("id", String.valueOf(id))
                .query(Integer.class)
                .single();
    }

    @Test
    void publishesScheduledArticleAtItsTime() {
        try (var app = start("schedule-" + UUID.randomUUID())) {
            var scheduled = scheduleArticle(app, Duration.ofSeconds(3));
            long id = scheduled.id();

            assertThat(status(app, id)).isEqualTo(ArticleStatus.SCHEDULED);
            await().atMost(Duration.ofSeconds(20)).until(() -> status(app, id) == ArticleStatus.PUBLISHED);

            assertThat(app.getBean(ArticleRepository.class)
                            .findById(id)
                            .orElseThrow()
                            .publishAt())
                    .isEqualTo(scheduled.at());
            assertThat(Instant.now()).isAfterOrEqualTo(scheduled.at());
        }
    }

    @Test
    void publishesScheduledArticleAfterARestartBeforeItsTime() {
        String database = "restart-" + UUID.randomUUID();
        long id;
        try (var first = start(database)) {
            // far enough ahead for this node to stop and the next to start, on PostgreSQL too
            id = scheduleArticle(first, Duration.ofSeconds(15)).id();
        }
        try (var second = start(database)) {
            assertThat(status(second, id)).isEqualTo(ArticleStatus.SCHEDULED);

            await().atMost(Duration.ofSeconds(40)).until(() -> status(second, id) == ArticleStatus.PUBLISHED);
        }
    }

    @Test
    void twoNodesSharingTheDatabasePublishTheArticleExactlyOnce() {
        String database = "nodes-" + UUID.randomUUID();
        try (var one = start(database);
                var two = start(database)) {
            long id = scheduleArticle(one, Duration.ofSeconds(3)).id();
            long versionWhenScheduled = version(one, id);

            await().atMost(Duration.ofSeconds(20)).until(() -> status(two, id) == ArticleStatus.PUBLISHED);
            // the scheduler removes a one-time job once its work has committed, a moment after
            await().atMost(Duration.ofSeconds(10)).until(() -> jobs(one, id) == 0);

            // one save by one node: the version moved by exactly one
            assertThat(version(two, id)).isEqualTo(versionWhenScheduled + 1);
        }
    }

    @Test
    void cancellingTheScheduleRemovesTheJob() {
        try (var app = start("cancel-" + UUID.randomUUID())) {
            long id = scheduleArticle(app, Duration.ofHours(1)).id();
            StaffMember editor = app.getBean(StaffAccounts.class).all().getFirst();

            app.getBean(ArticleDesk.class).unschedule(id, editor);

            assertThat(jobs(app, id)).isZero();
            assertThat(status(app, id)).isEqualTo(ArticleStatus.DRAFT);
        }
    }
}
