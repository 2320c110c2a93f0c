package press.tamizdat.channels;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.Resealing;

/** A new channels key: outbound webhooks' secrets sealed again (the endpoints keep verifying with the same). */
@Component
class WebhookResealing implements Resealing {

    private final JdbcClient db;

    WebhookResealing(JdbcClient db) {
        this.db = db;
    }

    @Override
    public String setting() {
        return "TAMIZDAT_CHANNELS_KEY";
    }

    @Override
    public List<String> reseal(byte[] oldKey, byte[] newKey) {
        var from = Webhooks.secretsSealer(oldKey);
        var to = Webhooks.secretsSealer(newKey);
        record Sealed(long id, String secret) {}
        var rows = db.sql("SELECT id, secret FROM webhook_endpoint")
                .query((rs, n) -> new Sealed(rs.getLong("id"), rs.getString("secret")))
                .list();
        for (var row : rows) {
            db.sql("UPDATE webhook_endpoint SET secret = :secret WHERE id = :id")
                    .param("secret", to.seal(from.open(row.secret())))
                    .param("id", row.id())
                    .update();
        }
        return List.of(rows.size() + " webhook endpoints' secrets sealed again (receivers keep the same secret)");
    }
}
