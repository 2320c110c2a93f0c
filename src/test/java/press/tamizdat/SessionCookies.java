package press.tamizdat;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.ConfigurableMockMvcBuilder;

/**
 * Staff sessions live in the database (Spring Session JDBC), found by the {@code SESSION} cookie,
 * not in the servlet container's session that {@code MockMvc}'s {@code .session(...)} hands over.
 * This keeps the tests' way of holding a browser's session: the cookie a response sets is kept in
 * the request's {@link MockHttpSession}, and sent again with every request that passes that session.
 * Every test context's MockMvc gets it (registered by {@link TestDatabase}).
 */
public final class SessionCookies implements MockMvcBuilderCustomizer {

    static final String COOKIE = "SESSION";
    private static final String KEPT = SessionCookies.class.getName();

    @Override
    public void customize(ConfigurableMockMvcBuilder<?> builder) {
        builder.defaultRequest(get("/").with(SessionCookies::carry)).alwaysDo(SessionCookies::keep);
    }

    private static MockHttpServletRequest carry(MockHttpServletRequest request) {
        var cookies = new ArrayList<>(request.getCookies() == null ? List.of() : Arrays.asList(request.getCookies()));
        if (request.getSession(false) != null
                && request.getSession(false).getAttribute(KEPT) instanceof String value
                && cookies.stream().noneMatch(cookie -> cookie.getName().equals(COOKIE))) {
            cookies.add(new Cookie(COOKIE, value));
            request.setCookies(cookies.toArray(Cookie[]::new));
        }
        return request;
    }

    private static void keep(MvcResult result) {
        var cookie = result.getResponse().getCookie(COOKIE);
        if (cookie == null) {
            return;
        }
        var session = result.getRequest().getSession(true);
        if (cookie.getMaxAge() == 0) {
            session.removeAttribute(KEPT);
        } else {
            session.setAttribute(KEPT, cookie.getValue());
        }
    }

    /** The id of the stored session the browser holding {@code session} is signed in with. */
    public static String id(MockHttpSession session) {
        if (!(session.getAttribute(KEPT) instanceof String value)) {
            throw new IllegalStateException("This browser holds no session cookie");
        }
        return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    }

    /** Changes the stored session behind {@code session}, as a node would between two requests. */
    public static <S extends Session> void change(
            SessionRepository<S> repository, MockHttpSession session, Consumer<Session> change) {
        S stored = repository.findById(id(session));
        if (stored == null) {
            throw new IllegalStateException("The session is not stored");
        }
        change.accept(stored);
        repository.save(stored);
    }

    /** What the stored session behind {@code session} holds under {@code name}. */
    public static <S extends Session> Object attribute(
            SessionRepository<S> repository, MockHttpSession session, String name) {
        S stored = repository.findById(id(session));
        return stored == null ? null : stored.getAttribute(name);
    }
}
