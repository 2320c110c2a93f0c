package press.tamizdat.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The precompiled JTE templates. They are generated into the package of the module that owns them
 * (a template in {@code src/main/jte/newsroom} is a class in {@code press.tamizdat.newsroom}), so a
 * controller's view record can stay package-private.
 */
@Configuration(proxyBeanMethods = false)
class Templates {

    @Bean
    TemplateEngine jteTemplateEngine() {
        var engine = TemplateEngine.createPrecompiled(
                null, ContentType.Html, Templates.class.getClassLoader(), "press.tamizdat");
        engine.setBinaryStaticContent(true);
        return engine;
    }
}
