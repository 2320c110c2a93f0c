package press.tamizdat.publishing;

import java.util.List;
import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

interface RevisionRepository extends ListCrudRepository<Revision, Long> {

    List<Revision> findByArticleIdOrderByNumberDesc(long articleId);

    Optional<Revision> findByArticleIdAndNumber(long articleId, int number);

    Optional<Revision> findFirstByArticleIdOrderByNumberDesc(long articleId);
}
