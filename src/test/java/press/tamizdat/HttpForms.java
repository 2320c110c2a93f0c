package press.tamizdat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import press.tamizdat.newsroom.TotpCodes;

/** A browser over HTTP for tests of whole installations: cookies kept, forms posted with their CSRF token. */
public final class HttpForms {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient browser = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .build();

    /** The CSRF token of the form on {@code page}. */
    public static String csrf(String page) {
        var found = CSRF.matcher(page);
        assertThat(found.find()).as("a CSRF token on the page").isTrue();
        return found.group(1);
    }

    public HttpResponse<String> get(ApplicationContext node, String path) throws IOException, InterruptedException {
        return browser.send(request(node, path).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> bytes(ApplicationContext node, String path) throws IOException, InterruptedException {
        return browser.send(request(node, path).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> post(ApplicationContext node, String path, Map<String, String> form)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return browser.send(
                request(node, path)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Signs a staff member in through the pages: the password on {@code first}, the second factor
     * (a TOTP code from {@code secret}) on {@code second}, which may be another node.
     */
    public HttpResponse<String> signIn(
            ApplicationContext first, ApplicationContext second, String email, String password, String secret)
            throws IOException, InterruptedException {
        var login = get(first, "/newsroom/login");
        var accepted = post(
                first, "/newsroom/login", Map.of("email", email, "password", password, "_csrf", csrf(login.body())));
        assertThat(accepted.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/newsroom/second-factor"));
        var secondFactor = get(second, "/newsroom/second-factor");
        assertThat(secondFactor.statusCode()).isEqualTo(200);
        return post(
                second,
                "/newsroom/second-factor",
                Map.of(
                        "code", TotpCodes.code(secret, TotpCodes.step(Instant.now())),
                        "_csrf", csrf(secondFactor.body())));
    }

    private static HttpRequest.Builder request(ApplicationContext node, String path) {
        int port = ((WebServerApplicationContext) node).getWebServer().getPort();
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }
}
