package press.tamizdat.publishing;

import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

interface ArticleRepository extends ListCrudRepository<Article, Long> {

    Optional<Article> findByLanguageAndSlug(Language language, String slug);
}
