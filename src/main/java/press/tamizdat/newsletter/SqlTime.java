package press.tamizdat.newsletter;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/** Instants as the JDBC drivers of both databases take them (PostgreSQL's does not take an Instant). */
final class SqlTime {

    private SqlTime() {}

    static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
