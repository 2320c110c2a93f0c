package press.tamizdat.newsroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import press.tamizdat.NewsroomLogin;

/**
 * The permission table against every newsroom endpoint the application maps, for every role: a
 * new endpoint without a row in {@link Permissions} fails here, and each role gets exactly what its
 * row allows — enforced on the server, whatever the pages show. Requests name things that do not
 * exist, so an allowed request changes nothing.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionMatrixTests {

    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)(?::([^|}]+)[^}]*)?}");

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final Map<Role, MockHttpSession> sessions = new EnumMap<>(Role.class);

    record Endpoint(HttpMethod method, String pattern, String path) {
        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    /** Every newsroom endpoint the application maps, with a concrete path for it. */
    List<Endpoint> endpoints() {
        var endpoints = new ArrayList<Endpoint>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            var methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/newsroom")) {
                    continue;
                }
                assertThat(methods).as("%s names its HTTP method", pattern).isNotEmpty();
                for (RequestMethod method : methods) {
                    endpoints.add(new Endpoint(method.asHttpMethod(), pattern, concrete(pattern)));
                }
            }
        });
        return endpoints;
    }

    /** The path with each variable filled: ids that exist nowhere, the first of a set of choices. */
    static String concrete(String pattern) {
        Matcher variable = VARIABLE.matcher(pattern);
        var path = new StringBuilder();
        while (variable.find()) {
            String value = variable.group(2) != null ? variable.group(2) : "987654321";
            variable.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        variable.appendTail(path);
        return path.toString();
    }

    Permissions.Rule ruleFor(Endpoint endpoint) {
        var request = new MockHttpServletRequest(endpoint.method().name(), endpoint.path());
        return Permissions.ruleFor(request)
                .orElseThrow(() -> new AssertionError(endpoint + " has no row in Permissions.RULES"));
    }

    MockHttpSession signedIn(Role role) throws Exception {
        var session = sessions.get(role);
        if (session == null) {
            String email = "matrix-" + role.name().toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID()
                    + "@example.org";
            accounts.create(email, "Matrix " + role, role, "correct horse battery", false);
            session = NewsroomLogin.signIn(mvc, email, "correct horse battery");
            sessions.put(role, session);
        }
        return session;
    }

    @Test
    void everyMappedNewsroomEndpointHasARow() {
        var endpoints = endpoints();

        assertThat(endpoints).hasSizeGreaterThan(40);
        endpoints.forEach(this::ruleFor);
    }

    @Test
    void aRequestNoRowMatchesIsRefused() {
        var request = new MockHttpServletRequest("GET", "/newsroom/somewhere-new");

        assertThat(Permissions.ruleFor(request)).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> eachRoleGetsExactlyWhatItsRowAllows() {
        return endpoints().stream()
                .flatMap(endpoint -> Stream.of(Role.values())
                        .map(role -> DynamicTest.dynamicTest(role + " " + endpoint, () -> {
                            var rule = ruleFor(endpoint);
                            int status = mvc.perform(request(endpoint.method(), endpoint.path())
                                            .session(signedIn(role))
                                            .with(csrf()))
                                    .andReturn()
                                    .getResponse()
                                    .getStatus();
                            var needed = rule.need().role();
                            if (needed != null && !role.atLeast(needed)) {
                                assertThat(status)
                                        .as("%s as %s", endpoint, role)
                                        .isEqualTo(403);
                            } else {
                                assertThat(status)
                                        .as("%s as %s", endpoint, role)
                                        .isNotEqualTo(403);
                            }
                        })));
    }

    @TestFactory
    Stream<DynamicTest> aPasswordAloneReachesOnlyTheSecondFactorPages() throws Exception {
        String email = "matrix-password-" + UUID.randomUUID() + "@example.org";
        accounts.create(email, "Matrix password", Role.ADMIN, "correct horse battery", false);
        var passwordOnly = NewsroomLogin.signInWithPassword(mvc, email, "correct horse battery");
        NewsroomLogin.enrol(mvc, email, passwordOnly);
        var half = NewsroomLogin.signInWithPassword(mvc, email, "correct horse battery");
        return endpoints().stream()
                .map(endpoint -> DynamicTest.dynamicTest(endpoint.toString(), () -> {
                    var need = ruleFor(endpoint).need();
                    var response = mvc.perform(request(endpoint.method(), endpoint.path())
                                    .session(half)
                                    .with(csrf()))
                            .andReturn()
                            .getResponse();
                    if (need.role() != null || need == Permissions.Need.ENROL) {
                        assertThat(response.getRedirectedUrl())
                                .as(endpoint.toString())
                                .isEqualTo("/newsroom/second-factor");
                    } else {
                        // the page itself may still send them on (a member with a factor is asked for it)
                        assertThat(response.getStatus()).as(endpoint.toString()).isNotEqualTo(403);
                        assertThat(response.getRedirectedUrl())
                                .as(endpoint.toString())
                                .isNotEqualTo("/newsroom/login");
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> nobodySignedInIsSentToSignIn() {
        return endpoints().stream()
                .map(endpoint -> DynamicTest.dynamicTest(endpoint.toString(), () -> {
                    var need = ruleFor(endpoint).need();
                    var response = mvc.perform(
                                    request(endpoint.method(), endpoint.path()).with(csrf()))
                            .andReturn()
                            .getResponse();
                    if (need == Permissions.Need.ANYONE) {
                        assertThat(response.getStatus()).as(endpoint.toString()).isNotIn(401, 403);
                    } else {
                        assertThat(response.getRedirectedUrl())
                                .as(endpoint.toString())
                                .endsWith("/newsroom/login");
                    }
                }));
    }
}
