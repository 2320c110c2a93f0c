package press.tamizdat.publishing;

import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;
import press.tamizdat.platform.Language;

interface ArticleRepository extends ListCrudRepository<Article, Long> {

    Optional<Article> findByLanguageAndSlug(Language language, String slug);
}
