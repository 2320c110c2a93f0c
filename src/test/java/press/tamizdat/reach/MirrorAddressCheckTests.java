package press.tamizdat.reach;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the newsroom may type as mirror and onion addresses. */
class MirrorAddressCheckTests {

    static final String ONION = "duskgytldkxiuqc6bq5anpwtsc2iypeb4aexzd6hv6q2ynxtwdr2wkad.onion";

    @Test
    void keepsFullWebAddressesInOrderWithoutDuplicatesOrTrailingSlashes() {
        var checked = Mirrors.check(" https://a.example.org/ \n\nhttp://b.example.net\nhttps://a.example.org", "");

        assertThat(checked.problems()).isEmpty();
        assertThat(checked.mirrors()).containsExactly("https://a.example.org", "http://b.example.net");
    }

    @Test
    void refusesWhatIsNotAWebAddress() {
        for (String bad : new String[] {
            "javascript:alert(1)",
            "mirror.example.org",
            "ftp://x.example.org",
            "https://localhost",
            "https://a.example.org/?q=1"
        }) {
            assertThat(Mirrors.check(bad, "").problems()).as(bad).containsKey("mirrors");
        }
    }

    @Test
    void acceptsAV3OnionAddressWithOrWithoutItsScheme() {
        assertThat(Mirrors.check("", ONION).onion()).isEqualTo("http://" + ONION);
        assertThat(Mirrors.check("", "http://" + ONION.toUpperCase() + "/").onion())
                .isEqualTo("http://" + ONION);
        assertThat(Mirrors.check("", "short.onion").problems()).containsKey("onion");
    }

    @Test
    void refusesMoreThanTwentyMirrors() {
        var lines = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            lines.append("https://m").append(i).append(".example.org\n");
        }

        assertThat(Mirrors.check(lines.toString(), "").problems()).containsEntry("mirrors", "mirrors.error.too-many");
    }
}
