package press.tamizdat.platform;

import org.jspecify.annotations.Nullable;

/** CSV for the newsroom's exports: a field as a spreadsheet may open it, quoted if it must be, never read as a formula. */
public final class Csv {

    private Csv() {}

    public static String field(@Nullable String value) {
        if (value == null) {
            return "";
        }
        String safe = value.matches("(?s)^[=+\\-@\\t\\r].*") ? "'" + value : value;
        return safe.matches("(?s).*[\",\\r\\n].*") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
