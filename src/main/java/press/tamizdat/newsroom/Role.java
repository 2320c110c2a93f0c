package press.tamizdat.newsroom;

/** A staff member's role; each includes the powers of the ones before it. */
public enum Role {
    /** Writes drafts; cannot publish. */
    CONTRIBUTOR,
    /** Publishes their own articles. */
    AUTHOR,
    /** Publishes anyone's articles and restores revisions. */
    EDITOR,
    /** Everything, including finance and settings. */
    ADMIN;

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }
}
