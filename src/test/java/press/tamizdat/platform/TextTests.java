package press.tamizdat.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTests {

    @Test
    void controlsAreDroppedAndLineEndsBecomeNewlines() {
        assertThat(Text.withoutControls("a\u0000b\u000Bc\u007Fd\te\r\nf\rg\nh")).isEqualTo("abcd\te\nf\ng\nh");
    }

    @Test
    void halvesOfSurrogatePairsAreDroppedAndWholePairsKept() {
        assertThat(Text.withoutControls("a\uD800b\uDC00c\uD83D\uDE00d")).isEqualTo("abc\uD83D\uDE00d");
    }

    @Test
    void cleanTextIsReturnedAsItIs() {
        String clean = "Заголовок \t with tab\nand newline";
        assertThat(Text.withoutControls(clean)).isSameAs(clean);
        assertThat(Text.forXml(clean)).isSameAs(clean);
    }

    @Test
    void xmlKeepsWhatXmlAllowsAndWholeSurrogatePairsOnly() {
        assertThat(Text.forXml("a\u000Bb\uFFFEc\uD83D\uDE00d\uD83De\uDE00f\r\n"))
                .isEqualTo("abc\uD83D\uDE00def\r\n");
    }
}
