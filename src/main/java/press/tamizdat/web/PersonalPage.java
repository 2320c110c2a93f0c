package press.tamizdat.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import press.tamizdat.platform.EmailAddresses;
import press.tamizdat.platform.NetworkAllowance;
import press.tamizdat.platform.PersonalLinks;
import press.tamizdat.platform.PersonalLinks.Step;

/**
 * What every page behind a personal link ("Your data", "Manage my support") does the same way, at
 * the address its controller maps: a reader asks for a link by email (the answer is the same
 * whether or not the address is known, and one network asks only so often a minute), arrives with
 * the mailed link and opens it with a click (one use), or finds it expired. The controller says
 * what a request sends and what the owner's page shows, and adds its own actions.
 *
 * @param <V> the page's view, one record for every step
 */
public abstract class PersonalPage<V> {

    protected final PersonalLinks links;
    protected final PersonalLinks.Kind kind;
    protected final UiFactory uis;
    private final NetworkAllowance allowance;
    private final String problems;

    /**
     * What a page is made with ({@link PersonalPages#setup}); {@code problems} is the prefix of the
     * page's messages {@code <problems>.email-invalid} and {@code <problems>.busy}.
     */
    public record Setup(
            PersonalLinks links, PersonalLinks.Kind kind, UiFactory uis, NetworkAllowance allowance, String problems) {}

    protected PersonalPage(Setup setup) {
        this.links = setup.links();
        this.kind = setup.kind();
        this.uis = setup.uis();
        this.allowance = setup.allowance();
        this.problems = setup.problems();
    }

    /** The page at one step, with nothing else on it. */
    protected abstract V view(Step step);

    /** The button that uses a mailed link. */
    protected abstract V opening(String token);

    /** The form asking for a link, with what was typed and what is wrong with it. */
    protected abstract V asking(String typed, String problem);

    /** Sends the link to a well-formed address, apart from the request (known or not, the answer is alike). */
    protected abstract void sendLink(String email, Ui ui);

    /** The owner's page, once a link was used. */
    protected abstract String opened(
            String subject, HttpServletRequest request, HttpServletResponse response, Model model);

    /** The template that shows the view. */
    protected abstract String template();

    @GetMapping
    public String arrive(
            @RequestParam(defaultValue = "") String token,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var step = links.arrival(kind, token);
        return show(step == Step.OPEN ? opening(token) : view(step), request, response, model);
    }

    @PostMapping("/link")
    public String requestLink(
            @RequestParam(defaultValue = "") String email,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Ui ui = uis.forRequest(request);
        var address = EmailAddresses.normalize(email);
        String typed = email.length() > EmailAddresses.MAX_LENGTH ? "" : email;
        if (address.isEmpty()) {
            response.setStatus(422);
            return show(asking(typed, ui.text(problems + ".email-invalid")), request, response, model);
        }
        if (!allowance.take(request)) {
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, "60");
            return show(asking(typed, ui.text(problems + ".busy")), request, response, model);
        }
        sendLink(address.get(), ui);
        return show(view(Step.SENT), request, response, model);
    }

    @PostMapping
    public String open(
            @RequestParam(defaultValue = "") String token,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var subject = links.use(kind, token);
        return subject.isEmpty() ? expired(request, response, model) : opened(subject.get(), request, response, model);
    }

    /** A link or page that no longer works: refused, and the form to ask again. */
    protected String expired(HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return show(view(Step.EXPIRED), request, response, model);
    }

    /** Shows a view, kept private (no cache keeps it, no Referer carries its address). */
    protected String show(V view, HttpServletRequest request, HttpServletResponse response, Model model) {
        PersonalLinks.keepPrivate(response);
        model.addAttribute("ui", uis.forRequest(request));
        model.addAttribute("page", view);
        return template();
    }
}
