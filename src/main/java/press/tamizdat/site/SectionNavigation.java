package press.tamizdat.site;

import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.Sections;
import press.tamizdat.web.LanguageEditions;
import press.tamizdat.web.Navigation;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.Ui;

/** The sections, in their order, in every public page's navigation. */
@Component
class SectionNavigation implements Navigation {

    private final Sections sections;
    private final LanguageEditions editions;

    SectionNavigation(Sections sections, LanguageEditions editions) {
        this.sections = sections;
        this.editions = editions;
    }

    /** The sections of the page's edition, named in its language. */
    @Override
    public List<Ui.Link> links(Locale locale) {
        var language = Language.fromCode(locale.getLanguage()).orElse(editions.siteLanguage());
        return sections.in(language).stream()
                .map(section ->
                        new Ui.Link(section.name(), editions.path(language, PublicPaths.section(section.slug()))))
                .toList();
    }
}
