package press.tamizdat.newsletter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import press.tamizdat.platform.PersonalLinks;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.UiFactory;

/**
 * Unsubscribing and choosing newsletters from the links in our mail. The unsubscribe link opens a
 * page whose button unsubscribes; mail clients that offer one-click unsubscribing POST to the same
 * address (RFC 8058), which unsubscribes at once.
 */
@Controller
class SubscriptionPages {

    private final Subscriptions subscriptions;
    private final UiFactory uis;

    SubscriptionPages(Subscriptions subscriptions, UiFactory uis) {
        this.subscriptions = subscriptions;
        this.uis = uis;
    }

    /** The unsubscribe page: asking, done, or a link that does not work. */
    record UnsubscribeView(
            @Nullable String token,
            Subscriptions.@Nullable Tie tie,
            boolean done,
            @Nullable String preferencesToken) {}

    record PreferencesView(String token, Subscriptions.Preferences preferences, boolean saved) {}

    @GetMapping(PublicPaths.NEWSLETTER_UNSUBSCRIBE)
    String unsubscribePage(
            @RequestParam(defaultValue = "") String token,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        PersonalLinks.keepPrivate(response);
        var tie = subscriptions.tie(token);
        if (tie.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        }
        model.addAttribute("ui", uis.forRequest(request));
        model.addAttribute("page", new UnsubscribeView(tie.isPresent() ? token : null, tie.orElse(null), false, null));
        return "newsletter/unsubscribe";
    }

    @PostMapping(PublicPaths.NEWSLETTER_UNSUBSCRIBE)
    String unsubscribe(
            @RequestParam(defaultValue = "") String token,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        PersonalLinks.keepPrivate(response);
        var tie = subscriptions.unsubscribe(token);
        if (tie.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        }
        model.addAttribute("ui", uis.forRequest(request));
        model.addAttribute(
                "page",
                new UnsubscribeView(
                        null,
                        tie.orElse(null),
                        tie.isPresent(),
                        tie.map(t -> subscriptions.preferencesToken(t.subscriberId()))
                                .orElse(null)));
        return "newsletter/unsubscribe";
    }

    @GetMapping(PublicPaths.NEWSLETTER_PREFERENCES)
    String preferencesPage(
            @RequestParam(defaultValue = "") String token,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        PersonalLinks.keepPrivate(response);
        return show(token, subscriptions.preferences(token).orElse(null), false, request, response, model);
    }

    @PostMapping(PublicPaths.NEWSLETTER_PREFERENCES)
    String choose(
            @RequestParam(defaultValue = "") String token,
            @RequestParam(name = "newsletter", required = false) @Nullable List<String> chosen,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        PersonalLinks.keepPrivate(response);
        var ids = new HashSet<Long>();
        for (String id : chosen == null ? List.<String>of() : chosen) {
            try {
                ids.add(Long.parseLong(id));
            } catch (NumberFormatException e) {
                // not one of ours: ignored, like a newsletter that no longer exists
            }
        }
        return show(token, subscriptions.choose(token, ids).orElse(null), true, request, response, model);
    }

    private String show(
            String token,
            Subscriptions.@Nullable Preferences preferences,
            boolean saved,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        model.addAttribute("ui", uis.forRequest(request));
        if (preferences == null) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("page", new UnsubscribeView(null, null, false, null));
            return "newsletter/unsubscribe";
        }
        model.addAttribute("page", new PreferencesView(token, preferences, saved));
        return "newsletter/preferences";
    }
}
