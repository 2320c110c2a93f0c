/**
 * Carries what the newsroom publishes to where readers and partners are: the outlet's Telegram
 * channel, and signed webhooks (Standard Webhooks) to the endpoints admins add.
 */
@ApplicationModule(
        displayName = "Channels",
        allowedDependencies = {"publishing", "newsletter", "newsroom", "web", "platform"})
@NullMarked
package press.tamizdat.channels;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
