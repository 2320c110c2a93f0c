package press.tamizdat.site;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Where the site-wide call to support leads. Until the support module brings the contribution
 * form, it carries the appeal, so the banner never leads to an empty page.
 */
@Controller
class SupportPage {

    @GetMapping("/support")
    String support() {
        return "site/support";
    }
}
