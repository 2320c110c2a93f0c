package press.tamizdat.platform;

import org.springframework.core.ResolvableType;
import org.springframework.core.ResolvableTypeProvider;

/**
 * A {@link Broadcast} event that happened on another node, heard through the database. Published
 * outside any transaction: listen with {@code @EventListener void on(Heard<ArticlePublished> heard)}
 * in what a node keeps for itself (caches, the search index), never in what must happen once for
 * the whole site (mail, posts, payments), which the node where it happened does.
 */
public record Heard<E extends Broadcast>(E event) implements ResolvableTypeProvider {

    @Override
    public ResolvableType getResolvableType() {
        return ResolvableType.forClassWithGenerics(Heard.class, ResolvableType.forInstance(event));
    }
}
