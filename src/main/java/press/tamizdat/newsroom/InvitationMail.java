package press.tamizdat.newsroom;

import java.net.URI;
import java.time.Instant;

/**
 * Delivers an invitation to join the staff. The newsroom decides who is invited; the mail module,
 * which implements this, writes and sends the message (so the link's token never waits in the
 * event registry).
 */
public interface InvitationMail {

    /** One invitation: to whom, from whom, for which role, and the single-use link. */
    record Invitation(String email, String name, String invitedBy, Role role, URI link, Instant expiresAt) {}

    /** Sends it; false if the mail could not be handed over (the invitation is then not kept). */
    boolean send(Invitation invitation);
}
