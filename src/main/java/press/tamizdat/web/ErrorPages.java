package press.tamizdat.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/** Every error answers with a page in the site's design and never with a stack trace. */
@Component
class ErrorPages implements ErrorViewResolver {

    private final UiFactory uis;

    ErrorPages(UiFactory uis) {
        this.uis = uis;
    }

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        var page = new ErrorPage(status.value(), messageKey(status));
        return new ModelAndView("web/error", Map.of("page", page, "ui", uis.forRequest(request)), status);
    }

    private static String messageKey(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "error.not-found";
            case GONE -> "error.gone";
            case FORBIDDEN -> "error.forbidden";
            case BAD_REQUEST, METHOD_NOT_ALLOWED, UNSUPPORTED_MEDIA_TYPE -> "error.bad-request";
            case CONTENT_TOO_LARGE -> "error.too-large";
            default -> "error.server";
        };
    }

    /** The model of the error page. */
    public record ErrorPage(int status, String messageKey) {}
}
