package press.tamizdat.support;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import press.tamizdat.platform.Resealing;

/** A new support key: supporters', reminders' and bank pledges' addresses sealed and indexed again. */
@Component
class SupportResealing implements Resealing {

    private final JdbcClient db;

    SupportResealing(JdbcClient db) {
        this.db = db;
    }

    @Override
    public String setting() {
        return "TAMIZDAT_SUPPORT_KEY";
    }

    @Override
    public List<String> reseal(byte[] oldKey, byte[] newKey) {
        var from = SealedEmails.with(oldKey);
        var to = SealedEmails.with(newKey);
        int supporters = reseal("supporter", "id", true, from, to);
        int reminders = reseal("reminder", "id", true, from, to);
        int pledges = reseal("bank_pledge", "checkout_reference", false, from, to);
        return List.of(supporters + " supporters', " + reminders + " reminders' and " + pledges
                + " bank pledges' addresses sealed and indexed again");
    }

    private int reseal(String table, String id, boolean indexed, SealedEmails from, SealedEmails to) {
        record Sealed(Object id, String email) {}
        var rows = db.sql("SELECT " + id + ", email_sealed FROM " + table + " WHERE email_sealed IS NOT NULL")
                .query((rs, n) -> new Sealed(rs.getObject(1), rs.getString(2)))
                .list();
        for (var row : rows) {
            String email = from.open(row.email());
            db.sql("UPDATE " + table + " SET email_sealed = :sealed" + (indexed ? ", email_index = :index" : "")
                            + " WHERE " + id + " = :id")
                    .param("sealed", to.seal(email))
                    .param("index", to.index(email))
                    .param("id", row.id())
                    .update();
        }
        return rows.size();
    }
}
