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
}
