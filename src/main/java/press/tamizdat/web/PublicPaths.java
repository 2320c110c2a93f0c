package press.tamizdat.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.Slugs;

/**
 * The public URL scheme, and the only place it is written: every public address, what the static
 * mirror starts from and leaves out, and which pages carry a reader's token. Paths are relative to
 * the site's root, so the same pages work on every mirror and onion address ({@link SiteUrls} makes
 * the few absolute ones). Controllers map these constants; other modules and templates build links
 * with the methods.
 *
 * <p>Longer than our other classes on purpose: the whole scheme in one place is what it is for;
 * split, a route and the method that makes its links would drift apart.
 */
public final class PublicPaths {

    private PublicPaths() {}

    public static final String HOME = "/";
    public static final String SEARCH = "/search";
    public static final String PRIVACY = "/privacy";
    public static final String MIRRORS = "/mirrors";
    public static final String RSS = "/rss.xml";
    public static final String ATOM = "/atom.xml";
    /** JSON Feed 1.1, full text, for apps and readers that take JSON. */
    public static final String JSON_FEED = "/feed.json";
    /** Every correction note, newest first, and its feed. */
    public static final String CORRECTIONS = "/corrections";

    public static final String CORRECTIONS_RSS = CORRECTIONS + "/rss.xml";

    /**
     * The Content API, read-only and versioned: JSON for apps, bots and partners who republish.
     * Its documents are in the static mirror too, each path {@code P} as the file
     * {@code P/index.json} ({@code ?page=N} as {@code P/page/N/index.json}).
     */
    public static final String API = "/api/v1";

    public static final String API_ARTICLES = API + "/articles";
    public static final String API_ARTICLE_ROUTE = API_ARTICLES + "/{language:en|ru}/{slug:[a-z0-9-]+}";
    public static final String API_SECTIONS = API + "/sections";
    public static final String API_TAGS = API + "/tags";
    public static final String API_AUTHORS = API + "/authors";
    /** The OpenAPI document describing the Content API. */
    public static final String API_DESCRIPTION = API + "/openapi.json";

    public static final String SITEMAP = "/sitemap.xml";
    public static final String SITEMAP_PAGES = "/sitemaps/pages.xml";
    public static final String SITEMAP_ARTICLES = "/sitemaps/articles-{part:[0-9]+}.xml";
    public static final String NEWS_SITEMAP = "/news-sitemap.xml";
    public static final String ROBOTS = "/robots.txt";
    public static final String MEDIA = "/media/";
    public static final String ASSETS = "/assets/";

    /** Routes with their variables, for the controllers' mappings. */
    public static final String ARTICLE_ROUTE = "/{language:en|ru}/{slug:[a-z0-9-]+}";
    /** A language edition's front page ({@code /ru}); see {@link LanguageEditions}. */
    public static final String EDITION_ROUTE = "/{language:en|ru}";
    /** A section in a language edition ({@code /ru/section/news}). */
    public static final String EDITION_SECTION_ROUTE = EDITION_ROUTE + "/section/{slug:[a-z0-9-]+}";
    /** A tag's page in a language edition ({@code /ru/tag/press-freedom}). */
    public static final String EDITION_TAG_ROUTE = EDITION_ROUTE + "/tag/{slug:[a-z0-9-]+}";
    /** A language edition's feeds ({@code /ru/rss.xml}). */
    public static final String EDITION_RSS_ROUTE = EDITION_ROUTE + "/rss.xml";

    public static final String EDITION_ATOM_ROUTE = EDITION_ROUTE + "/atom.xml";
    /** A language edition's newsletter signup, check-your-inbox page, latest edition and archive. */
    public static final String EDITION_NEWSLETTER = EDITION_ROUTE + "/newsletter";

    public static final String EDITION_NEWSLETTER_CHECK_INBOX = EDITION_ROUTE + "/newsletter/check-your-inbox";
    public static final String EDITION_NEWSLETTER_ARCHIVE = EDITION_ROUTE + "/newsletter/archive";
    public static final String EDITION_NEWSLETTER_LATEST = EDITION_ROUTE + "/newsletter/latest";
    public static final String EDITION_JSON_FEED_ROUTE = EDITION_ROUTE + "/feed.json";

    public static final String SECTION_ROUTE = "/section/{slug:[a-z0-9-]+}";
    public static final String SECTION_RSS_ROUTE = SECTION_ROUTE + "/rss.xml";
    public static final String SECTION_ATOM_ROUTE = SECTION_ROUTE + "/atom.xml";
    public static final String SECTION_JSON_FEED_ROUTE = SECTION_ROUTE + "/feed.json";
    public static final String STANDING_PAGE_ROUTE = "/{slug:about|contact|privacy}";
    public static final String TAG_ROUTE = "/tag/{slug:[a-z0-9-]+}";
    public static final String AUTHOR_ROUTE = "/author/{slug:[a-z0-9-]+}";

    /** The light edition: a text-only copy of the front page, sections and articles. */
    public static final String LIGHT = "/lite";

    public static final String LIGHT_SECTION_ROUTE = LIGHT + SECTION_ROUTE;
    public static final String LIGHT_ARTICLE_ROUTE = LIGHT + ARTICLE_ROUTE;
    /** A language edition's light front page ({@code /lite/ru}) and sections ({@code /lite/ru/section/news}). */
    public static final String LIGHT_EDITION_ROUTE = LIGHT + EDITION_ROUTE;

    public static final String LIGHT_EDITION_SECTION_ROUTE = LIGHT + EDITION_SECTION_ROUTE;

    public static final String NEWSLETTER = "/newsletter";
    public static final String NEWSLETTER_CHECK_INBOX = "/newsletter/check-your-inbox";
    public static final String NEWSLETTER_CONFIRM = "/newsletter/confirm";
    public static final String NEWSLETTER_UNSUBSCRIBE = "/newsletter/unsubscribe";
    public static final String NEWSLETTER_PREFERENCES = "/newsletter/preferences";
    public static final String NEWSLETTER_ARCHIVE = "/newsletter/archive";
    public static final String NEWSLETTER_LATEST = "/newsletter/latest";

    public static final String SUPPORT = "/support";
    public static final String SUPPORT_MANAGE = "/support/manage";
    /** A fresh checkout-guard puzzle for a form on a cached page, as JSON (the script asks at Continue). */
    public static final String SUPPORT_CHALLENGE = "/support/challenge";

    public static final String SUPPORT_REMIND = "/support/remind";
    public static final String SUPPORT_THANKS = "/support/thanks";
    public static final String SUPPORT_FAILED = "/support/failed";
    /** Where PayPal sends a reader back after approving a payment or a subscription. */
    public static final String SUPPORT_PAYPAL_RETURN = "/support/paypal/return";
    /** A mailed link that opens a fresh crypto invoice for the next period of recurring support. */
    public static final String SUPPORT_RENEW = "/support/renew";
    /** A reader's bank transfer pledge: the account and the reference to quote. */
    public static final String SUPPORT_BANK = "/support/bank";
    /** The download of a receipt shown on the thank-you page to a reader who asked for no email. */
    public static final String SUPPORT_RECEIPT = "/support/receipt";
    /** Where payment providers post their signed events, one path each under it. */
    public static final String WEBHOOKS = "/support/webhooks";

    public static final String MY_DATA = "/privacy/my-data";

    /**
     * Every query parameter a public page reads; no other changes what a page shows. The page cache
     * keys a page on these alone (so {@code ?utm_source=…} or random parameters cannot flood it),
     * and the Onion-Location header carries them. A test checks each public GET mapping's
     * parameters are named here.
     */
    public static final Set<String> PAGE_PARAMETERS = Set.of(
            "page",
            "q",
            "token",
            "frequency",
            "custom",
            "currency",
            "source",
            "preset",
            "method",
            "checkout",
            "subscription_id",
            "saved",
            "section",
            "tag",
            "author",
            "language",
            "updated_since");

    /**
     * The query a page is keyed and linked by: its {@link #PAGE_PARAMETERS}, names sorted, values
     * as given; empty when there are none, else starting with {@code ?}.
     */
    public static String pageQuery(Map<String, String[]> parameters) {
        var query = new StringBuilder();
        new java.util.TreeMap<>(parameters).forEach((name, values) -> {
            if (PAGE_PARAMETERS.contains(name)) {
                for (String value : values) {
                    query.append(query.isEmpty() ? '?' : '&')
                            .append(name)
                            .append('=')
                            .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        });
        return query.toString();
    }

    /**
     * The stills a newsletter shows for a clip, one per network, linked to the original: a still
     * from the network would tell it who opened the mail.
     */
    public static String embedStill(String network) {
        return ASSETS + "embed-"
                + switch (network) {
                    case "telegram", "vk", "vimeo" -> network;
                    default -> "youtube";
                }
                + ".png";
    }

    /** Where the static mirror starts reading the site; it follows every link from there. */
    public static final List<String> MIRROR_SEEDS = List.of(
            HOME,
            RSS,
            ATOM,
            JSON_FEED,
            SITEMAP,
            NEWS_SITEMAP,
            ROBOTS,
            PRIVACY,
            API_ARTICLES,
            API_SECTIONS,
            API_TAGS,
            API_AUTHORS,
            API_DESCRIPTION,
            // linked from newsletters, not from pages: a newsletter that sends readers to a mirror shows them from
            // there
            embedStill("telegram"),
            embedStill("vk"),
            embedStill("vimeo"),
            embedStill("youtube"));

    /**
     * Paths that only work on the live site: never copied into a mirror, and links to them kept as
     * text. A prefix ending in {@code /} covers what lies under it only.
     */
    private static final List<String> LIVE_ONLY = List.of(
            "/newsroom",
            SEARCH,
            "/actuator",
            "/livez",
            "/readyz",
            "/login",
            "/webauthn",
            SUPPORT + "/",
            MY_DATA,
            NEWSLETTER_CONFIRM,
            NEWSLETTER_UNSUBSCRIBE,
            NEWSLETTER_PREFERENCES,
            NEWSLETTER_CHECK_INBOX,
            "/en" + NEWSLETTER_CHECK_INBOX,
            "/ru" + NEWSLETTER_CHECK_INBOX);

    /**
     * Where the forms a reader may send from a mirror post: the newsletter signup, the contribution
     * form and "Remind me later". A mirrored copy points them at the live forms address.
     */
    private static final List<String> ANSWERED_LIVE =
            List.of(NEWSLETTER, "/en" + NEWSLETTER, "/ru" + NEWSLETTER, SUPPORT, SUPPORT_REMIND);

    /** Whether a form posting to {@code path} works from a mirror, answered by the live forms address. */
    public static boolean isAnsweredLive(String path) {
        return ANSWERED_LIVE.contains(path);
    }

    /** Slugs an article may not take: a language edition's own pages are at {@code /ru/<slug>}. */
    public static final java.util.Set<String> RESERVED_SLUGS = java.util.Set.of("newsletter");

    private static final Pattern ARTICLE = Pattern.compile("/(en|ru)/(?!newsletter$)[a-z0-9-]+");
    private static final Pattern EDITION =
            Pattern.compile("/(en|ru)(/section/.*|/tag/.*|/newsletter.*|/rss\\.xml|/atom\\.xml|/feed\\.json)?");
    private static final Pattern SECTION = Pattern.compile("/section/([a-z0-9-]+)");
    private static final Pattern HAS_LIGHT_PAGE =
            Pattern.compile("(?:/(?:en|ru))?(?:/section/[a-z0-9-]+)?|/(?:en|ru)/(?!newsletter$)[a-z0-9-]+");

    /** An article's page. */
    public static String article(Language language, String slug) {
        return "/" + language.code() + "/" + slug;
    }

    /** An article's document in the Content API. */
    public static String apiArticle(Language language, String slug) {
        return API_ARTICLES + "/" + language.code() + "/" + slug;
    }

    /** Whether a path is a document of the Content API. */
    public static boolean isApi(String path) {
        return path.startsWith(API + "/");
    }

    /** A sent edition's page in the newsletter's public archive. */
    public static String edition(long id) {
        return NEWSLETTER_ARCHIVE + "/" + id;
    }

    /** A section's first page. */
    public static String section(String slug) {
        return "/section/" + slug;
    }

    /** A section's feed, {@code rss.xml} or {@code atom.xml}. */
    public static String sectionFeed(String slug, String feedFile) {
        return section(slug) + "/" + feedFile;
    }

    /** The first page of the articles carrying a tag, by its slug or the words written (which slug to it). */
    public static String tag(String name) {
        return "/tag/" + Slugs.from(name);
    }

    /** The first page of an author's articles, by the byline as written. */
    public static String author(String byline) {
        return "/author/" + Slugs.from(byline);
    }

    /** The light edition's page for a page of the site: its own for articles and sections, else the light front page. */
    public static String light(String path) {
        return HAS_LIGHT_PAGE.matcher(path).matches() && !path.isEmpty() ? LIGHT + path : LIGHT;
    }

    /** Whether a path is an article's page, full or light. */
    public static boolean isArticle(String path) {
        return ARTICLE.matcher(withoutLight(path)).matches();
    }

    /** The beginnings of the addresses this site answers besides articles, the newsroom's included. */
    private static final List<String> OWN = List.of(
            "/section/",
            "/tag/",
            "/author/",
            LIGHT,
            NEWSLETTER,
            SUPPORT,
            PRIVACY,
            "/about",
            "/contact",
            SEARCH,
            MIRRORS,
            CORRECTIONS,
            "/api/",
            MEDIA,
            ASSETS,
            "/newsroom",
            JSON_FEED,
            RSS,
            ATOM,
            "/sitemap",
            NEWS_SITEMAP,
            ROBOTS);

    /** Whether a path is one of this site's own addresses (one an imported old address must not take over). */
    public static boolean isOwn(String path) {
        return isArticle(path)
                || EDITION.matcher(path).matches()
                || OWN.stream().anyMatch(path::startsWith);
    }

    /** The section a section listing (full or light, any of its pages) shows. */
    public static Optional<String> sectionOf(String path) {
        int question = path.indexOf('?');
        String bare = question < 0 ? path : path.substring(0, question);
        Matcher section = SECTION.matcher(withoutLight(bare));
        return section.matches() ? Optional.of(section.group(1)) : Optional.empty();
    }

    /** Whether a path is a photo or another file that never changes at its address. */
    public static boolean isMedia(String path) {
        return path.startsWith(MEDIA);
    }

    /** Whether a path works only on the live site: it is never copied into a mirror. */
    public static boolean isLiveOnly(String path) {
        return LIVE_ONLY.stream()
                .anyMatch(prefix -> path.equals(prefix)
                        || path.startsWith(prefix + "/")
                        || (prefix.endsWith("/") && path.startsWith(prefix)));
    }

    /**
     * Whether a page may carry a reader's token or serves one reader (support, "Your data", the
     * newsletter's confirmation and preferences): such a page is never pointed to from elsewhere.
     * The newsletter's archive and latest edition are public.
     */
    public static boolean isPersonal(String path) {
        return path.startsWith(SUPPORT + "/")
                || path.startsWith(MY_DATA)
                || (path.startsWith(NEWSLETTER + "/")
                        && !path.equals(NEWSLETTER_ARCHIVE)
                        && !path.startsWith(NEWSLETTER_ARCHIVE + "/")
                        && !path.equals(NEWSLETTER_LATEST));
    }

    private static String withoutLight(String path) {
        return path.startsWith(LIGHT + "/") ? path.substring(LIGHT.length()) : path;
    }
}
