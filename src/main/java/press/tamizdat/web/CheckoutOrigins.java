package press.tamizdat.web;

import java.util.List;

/**
 * The origins outside this site that a reader's contribution form hands over to, offered by the
 * module that runs the payment providers. Chrome applies a page's {@code form-action} to the
 * redirect that follows a form post, so each one must be allowed there, and no other.
 */
public interface CheckoutOrigins {

    /** Each as {@code scheme://host[:port]}; none when every checkout stays on this site. */
    List<String> origins();
}
