package press.tamizdat.publishing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import press.tamizdat.newsroom.CurrentStaff;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;
import press.tamizdat.newsroom.StaffMember;
import press.tamizdat.platform.Language;

/**
 * The newsroom's list of articles, newest work first, filtered by status, section, author and
 * whether they wait for review.
 */
@Controller
class ArticleList {

    static final int LIMIT = 200;

    private final JdbcClient db;
    private final Sections sections;
    private final StaffAccounts staff;
    private final CurrentStaff currentStaff;

    ArticleList(JdbcClient db, Sections sections, StaffAccounts staff, CurrentStaff currentStaff) {
        this.currentStaff = currentStaff;
        this.db = db;
        this.sections = sections;
        this.staff = staff;
    }

    record Row(
            long id,
            String headline,
            ArticleStatus status,
            Language language,
            String section,
            String author,
            @Nullable Instant publishAt,
            Instant modifiedAt,
            @Nullable ReviewState review) {}

    record ListPage(
            List<Row> rows,
            @Nullable ArticleStatus status,
            @Nullable Long section,
            @Nullable Long author,
            boolean waitingForReview,
            List<Section> sections,
            List<StaffMember> authors) {}

    @GetMapping("/newsroom/articles")
    String list(
            @RequestParam(required = false) @Nullable ArticleStatus status,
            @RequestParam(required = false) @Nullable Long section,
            @RequestParam(required = false) @Nullable Long author,
            @RequestParam(defaultValue = "") String review,
            Model model) {
        boolean waiting = review.equals("waiting");
        // a contributor sees their own articles only
        StaffMember viewer = currentStaff.require();
        if (!viewer.role().atLeast(Role.AUTHOR)) {
            author = viewer.id();
        }
        Map<Long, String> sectionNames = sections.all().stream().collect(Collectors.toMap(Section::id, Section::name));
        List<StaffMember> members = staff.all();
        Map<Long, String> authorNames = members.stream().collect(Collectors.toMap(StaffMember::id, StaffMember::name));
        List<Row> rows = db.sql("""
                        SELECT id, headline, status, language, section_id, created_by, publish_at, modified_at, review
                        FROM article
                        WHERE (CAST(:status AS VARCHAR(16)) IS NULL OR status = :status)
                          AND (CAST(:section AS BIGINT) IS NULL OR section_id = :section)
                          AND (CAST(:author AS BIGINT) IS NULL OR created_by = :author)
                          AND (:waiting = FALSE OR review = 'WAITING')
                        ORDER BY modified_at DESC, id DESC
                        LIMIT :limit
                        """)
                .param("status", status == null ? null : status.name())
                .param("section", section)
                .param("author", author)
                .param("waiting", waiting)
                .param("limit", LIMIT)
                .query((rs, n) -> new Row(
                        rs.getLong("id"),
                        rs.getString("headline"),
                        ArticleStatus.valueOf(rs.getString("status")),
                        Language.valueOf(rs.getString("language")),
                        sectionNames.getOrDefault(rs.getLong("section_id"), ""),
                        authorNames.getOrDefault(rs.getLong("created_by"), ""),
                        instant(rs.getObject("publish_at", java.time.OffsetDateTime.class)),
                        java.util.Objects.requireNonNull(
                                instant(rs.getObject("modified_at", java.time.OffsetDateTime.class))),
                        rs.getString("review") == null ? null : ReviewState.valueOf(rs.getString("review"))))
                .list();
        model.addAttribute("page", new ListPage(rows, status, section, author, waiting, sections.all(), members));
        return "publishing/list";
    }

    private static @Nullable Instant instant(java.time.@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
