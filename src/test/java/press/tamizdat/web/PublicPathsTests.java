package press.tamizdat.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import press.tamizdat.platform.Language;

/** The public URL scheme: addresses made from names, and what a mirror copies and what it leaves to the live site. */
class PublicPathsTests {

    @Test
    void tagAndAuthorAddressesUseTheSlugOfTheNameAsWritten() {
        assertThat(PublicPaths.tag("Прямая речь")).isEqualTo("/tag/pryamaya-rech");
        assertThat(PublicPaths.author("Anna Ölund")).isEqualTo("/author/anna-olund");
        assertThat(PublicPaths.article(Language.RU, "novosti")).isEqualTo("/ru/novosti");
    }

    @Test
    void articlesAndSectionsHaveTheirOwnLightPageAndEverythingElseTheLightFrontPage() {
        assertThat(PublicPaths.light("/en/some-story")).isEqualTo("/lite/en/some-story");
        assertThat(PublicPaths.light("/section/world")).isEqualTo("/lite/section/world");
        assertThat(PublicPaths.light("/tag/war")).isEqualTo("/lite");
        assertThat(PublicPaths.light("/")).isEqualTo("/lite");
    }

    @Test
    void recognisesArticlePagesAndSectionListingsFullOrLight() {
        assertThat(PublicPaths.isArticle("/lite/ru/novosti")).isTrue();
        assertThat(PublicPaths.isArticle("/tag/war")).isFalse();
        assertThat(PublicPaths.sectionOf("/lite/section/world?page=3")).contains("world");
        assertThat(PublicPaths.sectionOf("/section/world/rss.xml")).isEmpty();
    }

    @Test
    void theSitesOwnAddressesAreToldFromAnOldSitesAddresses() {
        assertThat(PublicPaths.isOwn("/en/some-story")).isTrue();
        assertThat(PublicPaths.isOwn("/about")).isTrue();
        assertThat(PublicPaths.isOwn("/newsroom/articles")).isTrue();
        assertThat(PublicPaths.isOwn(PublicPaths.tag("War"))).isTrue();
        assertThat(PublicPaths.isOwn("/2019/05/an-old-post")).isFalse();
        assertThat(PublicPaths.isOwn("/?p=42")).isFalse();
    }

    @Test
    void pagesThatSendSomethingOrCarryAReadersTokenAreLiveOnly() {
        assertThat(PublicPaths.isLiveOnly(PublicPaths.NEWSLETTER_UNSUBSCRIBE)).isTrue();
        assertThat(PublicPaths.isLiveOnly(PublicPaths.SUPPORT_MANAGE)).isTrue();
        assertThat(PublicPaths.isLiveOnly(PublicPaths.MY_DATA + "/link")).isTrue();
        assertThat(PublicPaths.isLiveOnly(PublicPaths.SEARCH)).isTrue();
        assertThat(PublicPaths.isLiveOnly(PublicPaths.SUPPORT)).isFalse();
        assertThat(PublicPaths.isLiveOnly(PublicPaths.NEWSLETTER_ARCHIVE)).isFalse();
        assertThat(PublicPaths.isLiveOnly("/searching-for-truth")).isFalse();
    }

    @Test
    void theNewslettersEditionPagesArePublicAndItsOtherPagesPersonal() {
        assertThat(PublicPaths.isPersonal(PublicPaths.NEWSLETTER_ARCHIVE + "/7"))
                .isFalse();
        assertThat(PublicPaths.isPersonal(PublicPaths.NEWSLETTER_LATEST)).isFalse();
        assertThat(PublicPaths.isPersonal(PublicPaths.NEWSLETTER_PREFERENCES)).isTrue();
        assertThat(PublicPaths.isPersonal(PublicPaths.SUPPORT_REMIND)).isTrue();
        assertThat(PublicPaths.isPersonal("/en/some-story")).isFalse();
    }
}
