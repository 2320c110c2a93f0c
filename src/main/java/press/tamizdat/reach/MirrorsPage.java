package press.tamizdat.reach;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.UiFactory;

/** The public page of other ways in: the mirrors, the onion address, and how to use them. */
@Controller
class MirrorsPage {

    private final Mirrors mirrors;
    private final UiFactory uis;

    MirrorsPage(Mirrors mirrors, UiFactory uis) {
        this.mirrors = mirrors;
        this.uis = uis;
    }

    record MirrorsList(List<String> mirrors, @Nullable String onion) {}

    @GetMapping(PublicPaths.MIRRORS)
    String show(HttpServletRequest request, Model model) {
        model.addAttribute("ui", uis.forRequest(request));
        model.addAttribute(
                "page", new MirrorsList(mirrors.advertised(), mirrors.onion().orElse(null)));
        return "reach/mirrors";
    }
}
