package press.tamizdat.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import gg.jte.springframework.boot.autoconfigure.JteProperties;
import gg.jte.springframework.boot.autoconfigure.JteView;
import gg.jte.springframework.boot.autoconfigure.JteViewResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The precompiled JTE templates. They are generated into the package of the module that owns them
 * (a template in {@code src/main/jte/newsroom} is a class in {@code press.tamizdat.newsroom}), so a
 * controller's view record can stay package-private.
 *
 * <p>A page is rendered into bytes and then sent: the templates' static parts are UTF-8 bytes
 * already (binary static content), which the starter's view would decode into a writer only to
 * encode them again; and a template that fails half-way sends nothing of itself before the error
 * page.
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

    @Bean
    JteViewResolver jteViewResolver(TemplateEngine engine, JteProperties properties) {
        return new JteViewResolver(engine, properties) {
            @Override
            protected org.springframework.web.servlet.view.AbstractUrlBasedView instantiateView() {
                return new ByteView(engine);
            }
        };
    }

    /** A JTE view that renders into bytes, then writes them with their length. */
    static final class ByteView extends JteView {

        private final TemplateEngine engine;

        ByteView(TemplateEngine engine) {
            super(engine);
            this.engine = engine;
        }

        @Override
        protected void renderMergedTemplateModel(
                Map<String, Object> model, HttpServletRequest request, HttpServletResponse response)
                throws java.io.IOException {
            var output = new Utf8ByteOutput();
            engine.render(getUrl(), model, output);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setContentLength(output.getContentLength());
            // in one write: the page cache's wrapper takes many small ones slowly
            response.getOutputStream().write(output.toByteArray());
        }
    }
}
