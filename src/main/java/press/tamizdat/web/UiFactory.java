package press.tamizdat.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.Language;
import press.tamizdat.platform.TamizdatSettings;

/** Builds the {@link Ui} page context for a request, in the page's language ({@link PageLocales}). */
@Component
public class UiFactory {

    private final MessageSource messages;
    private final TamizdatSettings settings;
    private final PageLocales locales;
    private final LanguageEditions editions;
    private final ObjectProvider<Navigation> navigation;
    private volatile @Nullable List<Navigation> navigations;
    private final ObjectProvider<SupportCall> supportCall;
    private final ObjectProvider<MirrorAddresses> mirrorAddresses;

    UiFactory(
            MessageSource messages,
            TamizdatSettings settings,
            PageLocales locales,
            LanguageEditions editions,
            ObjectProvider<Navigation> navigation,
            ObjectProvider<SupportCall> supportCall,
            ObjectProvider<MirrorAddresses> mirrorAddresses) {
        this.messages = messages;
        this.mirrorAddresses = mirrorAddresses;
        this.supportCall = supportCall;
        this.settings = settings;
        this.locales = locales;
        this.editions = editions;
        this.navigation = navigation;
    }

    /** Looked up once: finding beans on every request showed in the page benchmark's profile. */
    private List<Navigation> navigations() {
        var found = navigations;
        if (found == null) {
            found = navigation.orderedStream().toList();
            navigations = found;
        }
        return found;
    }

    private volatile @Nullable Optional<SupportCall> call;

    private Ui.@Nullable Link banner(Locale locale) {
        var found = call;
        if (found == null) {
            found = Optional.ofNullable(supportCall.getIfAvailable());
            call = found;
        }
        return found.map(c -> c.banner(locale)).orElse(null);
    }

    private SupportCall.@Nullable Quiet quiet() {
        var found = call;
        if (found == null) {
            found = Optional.ofNullable(supportCall.getIfAvailable());
            call = found;
        }
        return found.map(SupportCall::quiet).orElse(null);
    }

    private volatile @Nullable Optional<MirrorAddresses> addresses;

    private Optional<MirrorAddresses> addresses() {
        var found = addresses;
        if (found == null) {
            found = Optional.ofNullable(mirrorAddresses.getIfAvailable());
            addresses = found;
        }
        return found;
    }

    private @Nullable String askAddress() {
        return addresses().flatMap(MirrorAddresses::askByEmail).orElse(null);
    }

    private List<String> mirrors() {
        return addresses().map(MirrorAddresses::all).orElse(List.of());
    }

    /** The page context for something rendered outside a request, such as an email, in {@code locale}. */
    public Ui forLocale(Locale locale) {
        return new Ui(
                locale,
                messages,
                settings.site().name(),
                settings.site().zone(),
                null,
                null,
                navigations().stream().flatMap(n -> n.links(locale).stream()).toList(),
                banner(locale),
                quiet(),
                mirrors(),
                askAddress(),
                PublicPaths.LIGHT,
                editions.prefix(language(locale)),
                otherEdition(locale));
    }

    private static Language language(Locale locale) {
        return Language.fromCode(locale.getLanguage()).orElse(Language.EN);
    }

    /** The link to the other language's edition, named in that language. */
    private Ui.Link otherEdition(Locale locale) {
        Language other = LanguageEditions.other(language(locale));
        return new Ui.Link(
                messages.getMessage("edition.name", null, other.code(), other.locale()), editions.home(other));
    }

    /**
     * The page context of a request, made once per request and language however often it is
     * asked for (a controller may settle the page's language after the first asking).
     */
    public Ui forRequest(HttpServletRequest request) {
        Locale locale = locales.resolveLocale(request);
        if (request.getAttribute(UI) instanceof Ui made && made.locale().equals(locale)) {
            return made;
        }
        Ui ui = make(request, locale);
        request.setAttribute(UI, ui);
        return ui;
    }

    private static final String UI = Ui.class.getName();

    /** The role every fully signed-in staff member holds, whatever their own role. */
    public static final String STAFF = "STAFF";

    private Ui make(HttpServletRequest request, Locale locale) {
        Principal principal = request.getUserPrincipal();
        return new Ui(
                locale,
                messages,
                settings.site().name(),
                settings.site().zone(),
                (CsrfToken) request.getAttribute(CsrfToken.class.getName()),
                // the newsroom's shell (its menu) only once sign-in is complete, second factor and all
                principal == null || !request.isUserInRole(STAFF) ? null : principal.getName(),
                navigations().stream().flatMap(n -> n.links(locale).stream()).toList(),
                banner(locale),
                quiet(),
                mirrors(),
                askAddress(),
                PublicPaths.light(request.getRequestURI()
                        .substring(request.getContextPath().length())),
                editions.prefix(language(locale)),
                otherEdition(locale));
    }
}
