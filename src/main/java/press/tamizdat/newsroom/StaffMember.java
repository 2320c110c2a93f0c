package press.tamizdat.newsroom;

import java.io.Serializable;

/** A member of the newsroom's staff as other modules see them. */
public record StaffMember(long id, String email, String name, Role role) implements Serializable {}
