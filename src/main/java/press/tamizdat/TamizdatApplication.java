package press.tamizdat;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/** Tamizdat: one application running the whole reader-facing operation of a newsroom in exile. */
@Modulithic(systemName = "Tamizdat")
@SpringBootApplication
@ConfigurationPropertiesScan
public class TamizdatApplication {

    public static void main(String[] args) {
        SpringApplication.run(TamizdatApplication.class, args);
    }
}
