package press.tamizdat.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries {@link Broadcast} events between the nodes that share one PostgreSQL database, with its
 * {@code LISTEN/NOTIFY}: the notification is sent inside the event's transaction, so PostgreSQL
 * delivers it when, and only if, the change commits, and every node listening hears it a few
 * milliseconds later. Each node listens on a connection of its own, outside the pool; after the link
 * broke and came back it announces {@link Rejoined}, since what was said meanwhile is lost (PostgreSQL
 * keeps no notification for a listener that is not there). On H2 (one node) nothing is sent.
 *
 * <p>Chosen over Spring Modulith's event externalization, which speaks to brokers (Kafka, AMQP, JMS,
 * SNS, SQS), not to the database the nodes already share.
 */
@Component
class ClusterEvents implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClusterEvents.class);

    /** PostgreSQL refuses a notification payload of 8,000 bytes or more. */
    static final int LARGEST_PAYLOAD = 7_999;

    private static final Duration WAIT = Duration.ofMillis(500);
    /** A connection that died without a word (a dropped route) is noticed this often. */
    private static final Duration CHECK_EVERY = Duration.ofSeconds(10);

    private static final Duration FIRST_ATTEMPT = Duration.ofSeconds(10);

    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    private final DataSource dataSource;
    private final JdbcClient db;
    private final ApplicationEventPublisher events;
    private final JsonMapper json = JsonMapper.builder().build();
    private final String node = UUID.randomUUID().toString();

    /** None on a database that cannot carry notifications (H2). */
    private volatile @Nullable String channel;

    private volatile boolean running;
    private volatile @Nullable Connection listening;
    /** The server process of this node's listening connection, once it listens. */
    private volatile int ownListener = -1;

    private @Nullable Thread listener;

    /** Open once the node first listens, or first failed to. */
    private final CountDownLatch firstAttempt = new CountDownLatch(1);

    private final MeterRegistry meters;

    ClusterEvents(DataSource dataSource, JdbcClient db, ApplicationEventPublisher events, MeterRegistry meters) {
        this.meters = meters;
        this.dataSource = dataSource;
        this.db = db;
        this.events = events;
    }

    /** How many other nodes listen on this site's channel now (none on H2, which one process holds). */
    int otherNodes() {
        String on = channel;
        if (on == null) {
            return 0;
        }
        return db.sql("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = :channel AND pid <> :own")
                .param("channel", on)
                .param("own", ownListener)
                .query(Integer.class)
                .single();
    }

    /** Sends the event to the other nodes, as part of its transaction (or at once, outside one). */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void on(Broadcast event) {
        String to = channel;
        if (to == null) {
            return;
        }
        var message = json.createObjectNode()
                .put("node", node)
                .put("type", event.getClass().getName())
                .set("event", json.valueToTree(event));
        String payload = json.writeValueAsString(message);
        if (payload.getBytes(StandardCharsets.UTF_8).length > LARGEST_PAYLOAD) {
            // the other nodes' copies then last until they expire; a broadcast event is meant to be small
            log.warn(
                    "{} is too large to tell the other nodes about",
                    event.getClass().getSimpleName());
            return;
        }
        db.sql("SELECT pg_notify(:channel, :payload)")
                .param("channel", to)
                .param("payload", payload)
                .query((rs, n) -> true)
                .list();
    }

    @Override
    public void start() {
        channel = channelName();
        if (channel == null) {
            return;
        }
        running = true;
        Gauge.builder("tamizdat.cluster.listening", this, events -> events.listening == null ? 0 : 1)
                .description("1 while this node hears the other nodes' events through PostgreSQL")
                .register(meters);
        listener = Thread.ofPlatform().daemon().name("cluster-events").start(this::listen);
        // until the node listens, its own connection would count among the other nodes
        try {
            if (!firstAttempt.await(FIRST_ATTEMPT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Not yet listening to the other nodes after {}", FIRST_ATTEMPT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        var connection = listening;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("Closing the listening connection failed", e);
            }
        }
        var thread = listener;
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server opens, so no page is served from a cache that cannot hear yet. */
    @Override
    public int getPhase() {
        return 0;
    }

    /**
     * One channel per schema: nodes of one site share it, and two sites (or two test runs) in one
     * database do not hear each other.
     */
    private @Nullable String channelName() {
        try (var connection = dataSource.getConnection()) {
            if (!connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
                return null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The database cannot be reached", e);
        }
        String schema = db.sql("SELECT current_schema()").query(String.class).single();
        return "tamizdat_events_" + schema.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    private void listen() {
        boolean lost = false;
        Duration pause = Duration.ofSeconds(1);
        var source = DataSourceBuilder.derivedFrom(dataSource)
                .type(SimpleDriverDataSource.class)
                .build();
        while (running) {
            try (var connection = source.getConnection()) {
                listening = connection;
                // names the connection in pg_stat_activity, to find it among the pool's
                connection.setClientInfo("ApplicationName", channel);
                try (var statement = connection.createStatement()) {
                    statement.execute("LISTEN \"" + channel + "\"");
                    try (var pid = statement.executeQuery("SELECT pg_backend_pid()")) {
                        pid.next();
                        ownListener = pid.getInt(1);
                    }
                }
                firstAttempt.countDown();
                if (lost) {
                    log.info("In touch with the other nodes again");
                    events.publishEvent(new Rejoined());
                    lost = false;
                }
                pause = Duration.ofSeconds(1);
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                firstAttempt.countDown();
                if (!lost) {
                    log.warn("Lost touch with the other nodes ({}); trying again", e.getMessage());
                }
                lost = true;
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    break;
                }
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            } finally {
                listening = null;
            }
        }
    }

    private void receive(Connection connection) throws SQLException {
        var notifications = connection.unwrap(PGConnection.class);
        long checked = System.nanoTime();
        while (running) {
            PGNotification[] heard = notifications.getNotifications((int) WAIT.toMillis());
            if (heard != null) {
                for (var notification : heard) {
                    deliver(notification.getParameter());
                }
            }
            if (System.nanoTime() - checked > CHECK_EVERY.toNanos()) {
                try (var statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                }
                checked = System.nanoTime();
            }
        }
    }

    private void deliver(String payload) {
        try {
            var message = json.readTree(payload);
            if (node.equals(message.path("node").asString())) {
                return;
            }
            var type = Class.forName(
                    message.path("type").asString(), false, getClass().getClassLoader());
            if (!Broadcast.class.isAssignableFrom(type)) {
                log.warn("Ignored a notification of {}, which is not a broadcast event", type.getName());
                return;
            }
            events.publishEvent(new Heard<>((Broadcast) json.treeToValue(message.get("event"), type)));
            meters.counter("tamizdat.cluster.events.heard").increment();
        } catch (ClassNotFoundException | JacksonException e) {
            // a node of another version may speak of an event this one does not know
            log.warn("Ignored a notification from another node: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("A listener failed on an event from another node", e);
        }
    }
}
