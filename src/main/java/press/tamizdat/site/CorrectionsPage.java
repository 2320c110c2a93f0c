package press.tamizdat.site;

import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Date;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import press.tamizdat.platform.TamizdatSettings;
import press.tamizdat.platform.Text;
import press.tamizdat.publishing.CorrectionNotes;
import press.tamizdat.web.PublicPaths;
import press.tamizdat.web.SiteUrls;

/** Every correction note of the published articles, newest first, thirty to a page, with its feed. */
@Controller
class CorrectionsPage {

    static final int PAGE_SIZE = 30;

    private final CorrectionNotes corrections;
    private final TamizdatSettings settings;
    private final MessageSource messages;
    private final SiteUrls urls;

    CorrectionsPage(CorrectionNotes corrections, TamizdatSettings settings, MessageSource messages, SiteUrls urls) {
        this.corrections = corrections;
        this.settings = settings;
        this.messages = messages;
        this.urls = urls;
    }

    @GetMapping(PublicPaths.CORRECTIONS)
    String corrections(@RequestParam(defaultValue = "1") int page, Model model, HttpServletResponse response) {
        var notes = corrections.page(page, PAGE_SIZE);
        if (page < 1 || page > notes.totalPages()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        response.setHeader(CachedPages.SURROGATE_KEY, "corrections");
        model.addAttribute("page", notes);
        return "site/corrections";
    }

    /** Every correction note as an entry of its own: readers follow what was put right, where and when. */
    @GetMapping(PublicPaths.CORRECTIONS_RSS)
    @ResponseBody
    ResponseEntity<String> correctionsRss(HttpServletResponse response) {
        var language = settings.site().language();
        String name = settings.site().name();
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("rss_2.0");
        String title = messages.getMessage("corrections.title", null, language);
        feed.setTitle(Text.forXml(title + " · " + name));
        feed.setDescription(Text.forXml(messages.getMessage("corrections.intro", null, language)));
        feed.setLink(urls.absolute(PublicPaths.CORRECTIONS));
        feed.setLanguage(language.getLanguage());
        var self = new SyndLinkImpl();
        self.setRel("self");
        self.setHref(urls.absolute(PublicPaths.CORRECTIONS_RSS));
        self.setType("application/rss+xml");
        var page = new SyndLinkImpl();
        page.setRel("alternate");
        page.setHref(feed.getLink());
        feed.setLinks(List.of(self, page));
        var notes = corrections.latest(Feeds.ENTRIES);
        if (!notes.isEmpty()) {
            feed.setPublishedDate(Date.from(notes.getFirst().notedAt()));
        }
        feed.setEntries(notes.stream()
                .map(note -> {
                    SyndEntry entry = new SyndEntryImpl();
                    entry.setTitle(Text.forXml(
                            messages.getMessage("corrections.entry", new Object[] {note.headline()}, language)));
                    entry.setLink(urls.absolute(note.articlePath()));
                    entry.setUri(urls.absolute(note.id()));
                    entry.setPublishedDate(Date.from(note.notedAt()));
                    var text = new SyndContentImpl();
                    text.setType("text/plain");
                    text.setValue(Text.forXml(note.text()));
                    entry.setDescription(text);
                    return entry;
                })
                .toList());
        response.setHeader(CachedPages.SURROGATE_KEY, "feed corrections");
        try {
            return ResponseEntity.ok().contentType(Feeds.RSS).body(new SyndFeedOutput().outputString(feed));
        } catch (FeedException e) {
            throw new IllegalStateException("Could not write the corrections feed", e);
        }
    }
}
