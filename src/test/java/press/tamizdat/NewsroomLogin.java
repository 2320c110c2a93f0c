package press.tamizdat;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** Signs a staff member in through the real login form and hands back their session. */
public final class NewsroomLogin {

    private NewsroomLogin() {}

    public static MockHttpSession signIn(MockMvc mvc, String email, String password) throws Exception {
        var result = mvc.perform(formLogin("/newsroom/login")
                        .userParameter("email")
                        .user(email)
                        .password(password))
                .andReturn();
        if (result.getResponse().getRedirectedUrl() == null
                || result.getResponse().getRedirectedUrl().contains("error")) {
            throw new IllegalStateException("Sign-in failed for " + email);
        }
        return (MockHttpSession) result.getRequest().getSession(false);
    }
}
