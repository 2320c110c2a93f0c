package press.tamizdat.platform;

/**
 * An event that changes what every node keeps in memory (rendered pages, the search index, the
 * mirror list). Besides its listeners on the node where it happens, it reaches every other node on
 * the same PostgreSQL database, as {@link Heard}, once its transaction commits. Keep it small: it
 * travels as JSON in a PostgreSQL notification (under 8,000 bytes).
 */
public interface Broadcast {}
