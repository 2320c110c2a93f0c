package press.tamizdat.platform;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The site's secret signs links and personal pages and seals their subjects; none of them is
 * kept, so a new secret seals nothing again, and links signed with the old one stop opening.
 */
@Component
class MailedLinks implements Resealing {

    @Override
    public String setting() {
        return "TAMIZDAT_SECRET";
    }

    @Override
    public List<String> reseal(byte[] oldKey, byte[] newKey) {
        return List.of("links mailed before now (confirmations, unsubscribes and preferences in sent newsletters,"
                + " “Your data”, “Manage my support”) no longer open: readers ask for new ones, and a reader"
                + " whose unsubscribe link fails is mailed a new one at “Your data” (/privacy/my-data)");
    }
}
