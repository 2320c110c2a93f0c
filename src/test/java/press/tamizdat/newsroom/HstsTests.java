package press.tamizdat.newsroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** HSTS on HTTPS requests, public and newsroom alike: two years, subdomains included, no preload by default. */
@SpringBootTest(properties = "tamizdat.site.name=Tamizdat")
@AutoConfigureMockMvc
class HstsTests {

    @Autowired
    MockMvc mvc;

    @Test
    void httpsResponsesCarryStrictTransportSecurity() throws Exception {
        for (String path : new String[] {"/", "/support", "/newsroom/login", "/assets/site.css"}) {
            var response = mvc.perform(get(path).secure(true)).andReturn().getResponse();

            assertThat(response.getHeader("Strict-Transport-Security"))
                    .as(path)
                    .isEqualTo("max-age=63072000 ; includeSubDomains");
        }
    }

    @Test
    void aCachedPageCarriesHstsOnlyToTheSchemeThatAsksOverHttps() throws Exception {
        // rendered over HTTPS first, then served from the page cache to both schemes
        mvc.perform(get("/privacy").secure(true));

        var plain = mvc.perform(get("/privacy")).andReturn().getResponse();
        var secure = mvc.perform(get("/privacy").secure(true)).andReturn().getResponse();
        mvc.perform(get("/mirrors"));
        var secureAfterPlain =
                mvc.perform(get("/mirrors").secure(true)).andReturn().getResponse();

        assertThat(plain.getHeader("Strict-Transport-Security")).isNull();
        assertThat(secure.getHeader("Strict-Transport-Security")).isEqualTo("max-age=63072000 ; includeSubDomains");
        assertThat(secureAfterPlain.getHeader("Strict-Transport-Security"))
                .isEqualTo("max-age=63072000 ; includeSubDomains");
    }
}
