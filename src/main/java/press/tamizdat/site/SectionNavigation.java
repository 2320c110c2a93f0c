package press.tamizdat.site;

import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.Language;
import press.tamizdat.publishing.Sections;
import press.tamizdat.web.Navigation;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.Ui;

/** The sections, in their order, in every public page's navigation. */
@Component
class SectionNavigation implements Navigation {

    private final Sections sections;

    SectionNavigation(Sections sections) {
        this.sections = sections;
    }

    @Override
    public List<Ui.Link> links(Locale locale) {
        var language = Language.fromCode(locale.getLanguage());
        return (language.isPresent() ? sections.in(language.get()) : sections.all())
                .stream()
                        .map(section -> new Ui.Link(section.name(), PublicPaths.section(section.slug())))
                        .toList();
    }
}
