package press.tamizdat.reach;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import press.tamizdat.platform.Bucket;

/**
 * The static mirror: whether it is kept, the folder it is written to, and how long after a publish
 * it is brought up to date (publishes within that time make one export). And the S3-compatible
 * bucket the copy is also uploaded to, if one is named.
 */
@ConfigurationProperties("tamizdat.reach")
public record ReachSettings(
        Mirror mirror,
        @DefaultValue Health health,
        @DefaultValue Autoresponder autoresponder) {

    /**
     * The mailbox readers may write to for today's addresses ({@code TAMIZDAT_AUTORESPONDER_*}):
     * the address pages tell readers to write to, and the mailbox read over IMAP with TLS — its
     * server, port, user and password, how often it is read, and, for a server with a certificate
     * of its own, the hosts trusted without checking it. No host: off.
     */
    public record Autoresponder(
            @DefaultValue("") String address,
            @DefaultValue("") String host,
            @DefaultValue("993") int port,
            @DefaultValue("") String user,
            @DefaultValue("") String password,
            @DefaultValue("1m") Duration pollInterval,
            @DefaultValue("") String sslTrust) {

        boolean enabled() {
            return !host.isBlank();
        }
    }

    /**
     * How the listed mirrors are checked: whether at all (a server that cannot reach them, behind
     * a firewall that lets no request out, would hide them all), how often, how far behind our
     * copy a mirror may be and still be advertised, how long a failing one goes before the admins
     * are told, and how long one check waits for an answer.
     */
    public record Health(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("10m") Duration every,
            @DefaultValue("24h") Duration staleAfter,
            @DefaultValue("6h") Duration flagAfter,
            @DefaultValue("10s") Duration timeout) {}

    /** The copy of the site: where it is written, and the bucket it is also uploaded to ({@link Bucket#named()}). */
    public record Mirror(boolean enabled, Path folder, Duration debounce, Bucket bucket) {}
}
