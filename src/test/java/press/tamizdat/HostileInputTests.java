package press.tamizdat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import press.tamizdat.newsroom.Role;
import press.tamizdat.newsroom.StaffAccounts;

/**
 * Every endpoint the application maps — found from the controllers' mappings, so a new one is
 * walked too — gets every entry of {@link HostileInputs} (more than 200: oversize, control
 * characters, invalid UTF-8, wrong types, injection strings), as the value of each parameter its
 * handler reads, with repeated and missing parameters among them, and in its path variables. No
 * answer may be a server error or show a stack trace. Public endpoints are asked over real HTTP
 * (Tomcat decodes the bytes as a browser's would arrive); the newsroom's through MockMvc with a
 * signed-in admin's session. Runs on H2 and, in CI, on PostgreSQL.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=tamizdat-hostile",
            "tamizdat.demo=true",
            "tamizdat.newsletter.signups-per-minute-per-network=1000000",
            "tamizdat.support.checkouts-per-minute-per-network=1000000",
            "tamizdat.privacy.requests-per-minute-per-network=1000000",
            "tamizdat.support.guard.surge-starts=1000000"
        })
// tens of thousands of requests: printing each one when the test fails would fill the disk
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@ExtendWith(OutputCaptureExtension.class)
class HostileInputTests {

    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)(?::[^}]*)?}");
    /** What a stack trace leaves in a page: a frame's source position. */
    private static final Pattern STACK_FRAME = Pattern.compile("\\.java:\\d+\\)|\\tat [a-z]+\\.");
    /** Endpoints left out: a full mirror export per request would only measure the machine. */
    private static final Set<String> LEFT_OUT = Set.of("/newsroom/mirrors/export");

    private static final Set<Class<?>> NOT_PARAMETERS = Set.of(
            HttpServletRequest.class,
            HttpServletResponse.class,
            HttpSession.class,
            Model.class,
            RedirectAttributes.class,
            Authentication.class,
            Principal.class,
            Locale.class,
            MultipartFile.class);

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    record Endpoint(HttpMethod method, String pattern, List<String> parameters) {
        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    List<Endpoint> endpoints(boolean newsroom) {
        var endpoints = new ArrayList<Endpoint>();
        mappings.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod handler) -> {
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/newsroom") != newsroom
                        || LEFT_OUT.contains(pattern)
                        || pattern.startsWith("/error")) {
                    continue;
                }
                var methods = info.getMethodsCondition().getMethods();
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    endpoints.add(new Endpoint(method.asHttpMethod(), pattern, parameters(handler)));
                }
            }
        });
        return endpoints;
    }

    /** The names of the parameters a handler reads: its request parameters, and the fields of a form it binds. */
    static List<String> parameters(HandlerMethod handler) {
        var names = new LinkedHashSet<String>();
        for (MethodParameter parameter : handler.getMethodParameters()) {
            Class<?> type = parameter.getParameterType();
            if (parameter.hasParameterAnnotation(PathVariable.class)
                    || NOT_PARAMETERS.stream().anyMatch(excluded -> excluded.isAssignableFrom(type))) {
                continue;
            }
            var param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null) {
                String name = !param.name().isEmpty() ? param.name() : param.value();
                names.add(name.isEmpty() ? parameter.getParameterName() : name);
            } else if (type.isRecord()) {
                for (var component : type.getRecordComponents()) {
                    names.add(component.getName());
                }
            }
        }
        names.add("unexpected");
        return List.copyOf(names);
    }

    @Test
    void theCorpusHoldsAtLeastTwoHundredBadInputs() {
        assertThat(HostileInputs.corpus().size() + HostileInputs.RAW.size()).isGreaterThanOrEqualTo(200);
    }

    @Test
    void everyPublicEndpointAnswersEveryBadInputWithoutAServerErrorOrAStackTrace(CapturedOutput output)
            throws Exception {
        var problems = new ArrayList<String>();
        var inputs = new ArrayList<String>();
        HostileInputs.corpus().forEach(input -> inputs.add(encode(input)));
        inputs.addAll(HostileInputs.RAW);
        var endpoints = endpoints(false);
        assertThat(endpoints).hasSizeGreaterThan(20);

        for (var endpoint : endpoints) {
            for (int i = 0; i < inputs.size(); i++) {
                String value = inputs.get(i);
                String path = fill(endpoint.pattern(), i % 3 == 0 ? value : "1");
                String query = query(endpoint.parameters(), value, i);
                var request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(30));
                try {
                    if (endpoint.method() == HttpMethod.GET || endpoint.method() == HttpMethod.HEAD) {
                        request.uri(URI.create(
                                        "http://127.0.0.1:" + port + path + (query.isEmpty() ? "" : "?" + query)))
                                .method(endpoint.method().name(), HttpRequest.BodyPublishers.noBody());
                    } else {
                        request.uri(URI.create("http://127.0.0.1:" + port + path))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .method(endpoint.method().name(), HttpRequest.BodyPublishers.ofString(query));
                    }
                } catch (IllegalArgumentException notAUri) {
                    continue; // a client cannot send it either
                }
                var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() >= 500
                        || STACK_FRAME.matcher(response.body()).find()) {
                    problems.add(endpoint + " with " + abbreviate(value) + ": " + response.statusCode());
                }
            }
        }

        assertThat(problems).isEmpty();
        assertThat(output.getAll())
                .as("the container logged an unhandled exception")
                .doesNotContain("threw exception");
    }

    @Test
    void everyNewsroomEndpointAnswersEveryBadInputWithoutAServerErrorOrAStackTrace() throws Exception {
        var problems = new ArrayList<String>();
        var inputs = HostileInputs.corpus();
        var endpoints = endpoints(true);
        assertThat(endpoints).hasSizeGreaterThan(40);

        for (var endpoint : endpoints) {
            // a session of its own: an endpoint that ends sessions or changes the password spoils no other
            MockHttpSession admin = signedInAdmin();
            for (int i = 0; i < inputs.size(); i++) {
                String value = inputs.get(i);
                String path = fill(endpoint.pattern(), i % 3 == 0 ? encode(value) : "1");
                URI uri;
                try {
                    uri = URI.create(path);
                } catch (IllegalArgumentException notAUri) {
                    continue;
                }
                var request = request(endpoint.method(), uri).session(admin).with(csrf());
                if (i % 7 != 6) {
                    for (String name : endpoint.parameters()) {
                        request.param(name, value);
                        if (i % 10 == 9) {
                            request.param(name, value); // repeated
                        }
                    }
                }
                try {
                    var response = mvc.perform(request).andReturn().getResponse();
                    if (response.getStatus() >= 500
                            || STACK_FRAME
                                    .matcher(response.getContentAsString())
                                    .find()) {
                        problems.add(endpoint + " with " + abbreviate(value) + ": " + response.getStatus() + " "
                                + abbreviate(String.valueOf(response.getErrorMessage())));
                    }
                } catch (Exception failed) {
                    // what would reach the container as an unhandled exception: a 500 for the reader
                    problems.add(endpoint + " with " + abbreviate(value) + ": " + rootOf(failed));
                }
            }
        }

        assertThat(problems).isEmpty();
    }

    private MockHttpSession signedInAdmin() throws Exception {
        String email = "hostile-" + UUID.randomUUID() + "@example.org";
        accounts.create(email, "Hostile Walker", Role.ADMIN, "correct horse battery", false);
        return NewsroomLogin.signIn(mvc, email, "correct horse battery");
    }

    /** The pattern with every variable set to {@code value} (already encoded for a path). */
    private static String fill(String pattern, String value) {
        Matcher variable = VARIABLE.matcher(pattern);
        return variable.replaceAll(Matcher.quoteReplacement(value.isEmpty() ? "-" : value));
    }

    /** Each parameter set to {@code value} (already encoded); every seventh request has none, every tenth each twice. */
    private static String query(List<String> names, String value, int i) {
        if (i % 7 == 6) {
            return "";
        }
        var query = new StringBuilder();
        for (String name : names) {
            for (int times = i % 10 == 9 ? 2 : 1; times > 0; times--) {
                query.append(query.isEmpty() ? "" : "&")
                        .append(name)
                        .append('=')
                        .append(value);
            }
        }
        return query.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The value as a report can show it: short, and every character outside printable ASCII escaped. */
    private static String abbreviate(String value) {
        String shown = value.length() > 60 ? value.substring(0, 60) : value;
        var escaped = new StringBuilder("\"");
        shown.chars()
                .forEach(c ->
                        escaped.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return escaped.append(value.length() > 60 ? "\"…(" + value.length() + ")" : "\"")
                .toString();
    }

    private static String rootOf(Throwable failed) {
        Throwable root = failed;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + abbreviate(String.valueOf(root.getMessage()));
    }
}
