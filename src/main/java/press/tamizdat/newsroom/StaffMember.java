package press.tamizdat.newsroom;

/** A member of the newsroom's staff as other modules see them. */
public record StaffMember(long id, String email, String name, Role role) {}
