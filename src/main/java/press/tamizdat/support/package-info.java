/**
 * Reader support: the campaign (banner, appeal, amounts), contributions once, monthly or annual,
 * the payment providers behind one interface, and the form a reader fills in.
 */
@ApplicationModule(
        displayName = "Support",
        allowedDependencies = {"publishing", "mail", "newsroom", "web", "platform"})
@NullMarked
package press.tamizdat.support;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
