package press.tamizdat.platform;

import java.util.Locale;
import java.util.Optional;

/** The languages the newsroom publishes in. */
public enum Language {
    EN,
    RU;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Locale locale() {
        return Locale.forLanguageTag(code());
    }

    public static Optional<Language> fromCode(String code) {
        for (Language language : values()) {
            if (language.code().equals(code)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}
