package press.tamizdat.platform;

/**
 * This node's link to the others broke and is back: events broadcast in between were missed, so
 * whatever it keeps in memory from the database may be stale. Published on this node only,
 * outside any transaction; listen with {@code @EventListener}.
 */
public record Rejoined() {}
