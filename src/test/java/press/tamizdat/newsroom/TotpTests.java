package press.tamizdat.newsroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TOTP as RFC 6238 defines it, checked against the RFC's own test vectors, and our rules on top. */
class TotpTests {

    static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    static final String SECRET = new Base32().encodeToString(RFC_SECRET).replace("=", "");

    @ParameterizedTest
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130"
    })
    void matchesTheRfcTestVectors(long seconds, String expected) {
        long step = Totp.step(Instant.ofEpochSecond(seconds));

        assertThat(Totp.code(RFC_SECRET, step, "HmacSHA1", 8)).isEqualTo(expected);
    }

    @Test
    void acceptsTheCurrentCodeAndOneStepOfDriftEitherWay() {
        Instant now = Instant.ofEpochSecond(1_234_567_890);
        long step = Totp.step(now);

        assertThat(Totp.accept(SECRET, Totp.code(SECRET, step), now, Long.MIN_VALUE))
                .hasValue(step);
        assertThat(Totp.accept(SECRET, Totp.code(SECRET, step - 1), now, Long.MIN_VALUE))
                .hasValue(step - 1);
        assertThat(Totp.accept(SECRET, Totp.code(SECRET, step + 1), now, Long.MIN_VALUE))
                .hasValue(step + 1);
        assertThat(Totp.accept(SECRET, Totp.code(SECRET, step - 2), now, Long.MIN_VALUE))
                .isEmpty();
    }

    @Test
    void refusesACodeOfAStepAlreadyUsed() {
        Instant now = Instant.ofEpochSecond(1_234_567_890);
        long step = Totp.step(now);

        assertThat(Totp.accept(SECRET, Totp.code(SECRET, step), now, step)).isEmpty();
    }

    @Test
    void refusesWhatIsNotSixDigits() {
        Instant now = Instant.ofEpochSecond(1_234_567_890);

        assertThat(Totp.accept(SECRET, "12345", now, Long.MIN_VALUE)).isEmpty();
        assertThat(Totp.accept(SECRET, "abcdef", now, Long.MIN_VALUE)).isEmpty();
    }

    @Test
    void newSecretsAreRandomAndValid() {
        String one = Totp.newSecret();

        assertThat(Totp.isValidSecret(one)).isTrue();
        assertThat(one).hasSize(32).isNotEqualTo(Totp.newSecret());
        assertThat(Totp.isValidSecret("not base32 at all!")).isFalse();
        assertThat(Totp.isValidSecret("ABCDEFGH")).isFalse();
    }

    @Test
    void theQrAddressNamesTheSiteTheAccountAndTheKey() {
        assertThat(Totp.uri("Tamizdat Demo", "admin@tamizdat.local", "ABCD EFGH IJKL MNOP"))
                .isEqualTo("otpauth://totp/Tamizdat%20Demo:admin%40tamizdat.local?secret=ABCDEFGHIJKLMNOP"
                        + "&issuer=Tamizdat%20Demo&algorithm=SHA1&digits=6&period=30");
    }
}
