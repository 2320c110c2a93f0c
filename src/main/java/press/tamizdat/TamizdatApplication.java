package press.tamizdat;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import press.tamizdat.platform.Launch;

/** Tamizdat: one application running the whole reader-facing operation of a newsroom in exile. */
@Modulithic(systemName = "Tamizdat")
@SpringBootApplication
@ConfigurationPropertiesScan
public class TamizdatApplication {

    public static void main(String[] args) {
        Launch.run(TamizdatApplication.class, args);
    }
}
