package press.tamizdat.newsroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Guessing at passwords over HTTP: slowed per account without a word about whether the account
 * exists — the same answers, in the same order, for a real address and an unknown one, and the
 * same Argon2 work spent on each — while a colleague behind the same address signs in as usual.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SignInEnumerationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffAccounts accounts;

    /** The real Argon2 encoder, watched: how many hashes an attempt checks is what its time is made of. */
    @MockitoSpyBean
    PasswordEncoder passwords;

    MockHttpServletResponse attempt(String email, String password, String from) throws Exception {
        return mvc.perform(post("/newsroom/login")
                        .param("email", email)
                        .param("password", password)
                        .with(csrf())
                        .with(request -> {
                            request.setRemoteAddr(from);
                            return request;
                        }))
                .andReturn()
                .getResponse();
    }

    String realAccount() {
        String email = "real-" + UUID.randomUUID() + "@example.org";
        accounts.create(email, "Real", Role.EDITOR, "correct horse battery", false);
        return email;
    }

    @Test
    void aRealAndAnUnknownAddressGetTheSameAnswersAttemptByAttempt() throws Exception {
        String real = realAccount();
        String unknown = "unknown-" + UUID.randomUUID() + "@example.org";
        var realAnswers = new ArrayList<String>();
        var unknownAnswers = new ArrayList<String>();

        for (int i = 0; i < 7; i++) {
            realAnswers.add(attempt(real, "wrong guess " + i, "198.51.100.7").getRedirectedUrl());
            unknownAnswers.add(
                    attempt(unknown, "wrong guess " + i, "198.51.100.7").getRedirectedUrl());
        }

        assertThat(realAnswers.subList(0, 5)).containsOnly("/newsroom/login?error");
        assertThat(realAnswers.get(5)).startsWith("/newsroom/login?wait=");
        assertThat(unknownAnswers.stream().map(a -> a.replaceAll("=\\d+", "=N")))
                .isEqualTo(realAnswers.stream()
                        .map(a -> a.replaceAll("=\\d+", "=N"))
                        .toList());
    }

    @Test
    void oncePastTheAllowanceEvenTheRightPasswordWaits() throws Exception {
        String real = realAccount();
        for (int i = 0; i < 5; i++) {
            attempt(real, "wrong guess " + i, "198.51.100.8");
        }

        assertThat(attempt(real, "correct horse battery", "198.51.100.8").getRedirectedUrl())
                .startsWith("/newsroom/login?wait=");
    }

    @Test
    void aColleagueBehindTheSameAddressSignsInWhileAnotherAccountIsAttacked() throws Exception {
        String attacked = realAccount();
        String colleague = realAccount();
        for (int i = 0; i < 30; i++) {
            attempt(attacked, "wrong guess " + i, "198.51.100.9");
        }

        assertThat(attempt(colleague, "correct horse battery", "198.51.100.9").getRedirectedUrl())
                .isEqualTo("/newsroom/second-factor");
    }

    @Test
    void aWrongPasswordCostsOneArgon2CheckForAnUnknownAddressAsForARealOne() throws Exception {
        String real = realAccount();
        String unknown = "nobody-" + UUID.randomUUID() + "@example.org";

        var hashes = ArgumentCaptor.forClass(String.class);

        clearInvocations(passwords);
        attempt(real, "wrong guess", "203.0.113.10");
        verify(passwords, times(1)).matches(any(), hashes.capture());
        // without Spring Security's check of a dummy hash, an unknown address would be answered
        // many times faster than a real one: the time would tell which addresses are staff
        clearInvocations(passwords);
        attempt(unknown, "wrong guess", "203.0.113.20");
        verify(passwords, times(1)).matches(any(), hashes.capture());

        // and the dummy is as costly as a real hash: Argon2id with the same parameters
        var parameters = hashes.getAllValues().stream()
                .map(SignInEnumerationTests::parameters)
                .toList();
        assertThat(parameters.getFirst()).startsWith("$argon2id$");
        assertThat(parameters.getLast()).isEqualTo(parameters.getFirst());
    }

    /** An encoded Argon2 hash without its salt and digest: the variant, version, memory, time and lanes. */
    static String parameters(String hash) {
        int digest = hash.lastIndexOf('$');
        return hash.substring(0, hash.lastIndexOf('$', digest - 1));
    }

    @Test
    void aSignInWithoutAnAddressIsAnsweredLikeAWrongOne() throws Exception {
        var response = mvc.perform(post("/newsroom/login")
                        .param("password", "anything at all")
                        .with(csrf()))
                .andReturn()
                .getResponse();

        assertThat(response.getRedirectedUrl()).isEqualTo("/newsroom/login?error");
    }

    @Test
    void aDeactivatedAccountAnswersLikeAnUnknownOne() throws Exception {
        String email = realAccount();
        long id = accounts.findByEmail(email).orElseThrow().id();
        accounts.setActive(id, false);

        assertThat(attempt(email, "correct horse battery", "198.51.100.10").getRedirectedUrl())
                .isEqualTo("/newsroom/login?error");
        assertThat(mvc.perform(get("/newsroom/login").param("error", ""))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("The email or password is not right.");
    }
}
