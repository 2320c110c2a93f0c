package press.tamizdat.web;

import org.springframework.stereotype.Component;
import press.tamizdat.platform.NetworkAllowances;
import press.tamizdat.platform.PersonalLinks;

/** Sets up a {@link PersonalPage}: its kind of link, how often a network may ask for one, its messages. */
@Component
public class PersonalPages {

    private final PersonalLinks links;
    private final UiFactory uis;
    private final NetworkAllowances allowances;

    PersonalPages(PersonalLinks links, UiFactory uis, NetworkAllowances allowances) {
        this.links = links;
        this.uis = uis;
        this.allowances = allowances;
    }

    /**
     * A page for links of {@code kind}, asked for at most {@code perMinute} times a minute per
     * network (counted as {@code purpose}); its messages are {@code <problems>.email-invalid} and
     * {@code <problems>.busy}.
     */
    public PersonalPage.Setup setup(PersonalLinks.Kind kind, String purpose, int perMinute, String problems) {
        return new PersonalPage.Setup(links, kind, uis, allowances.perMinute(purpose, perMinute), problems);
    }
}
