package press.tamizdat.publishing;

/** Where an article stands in review, once it has been submitted. */
enum ReviewState {
    /** Submitted, and short of the approvals its section asks for. */
    WAITING,
    /** Approved by as many editors as its section asks for (at least one). */
    APPROVED,
    /** Sent back to its author with a note. */
    SENT_BACK
}
