package press.tamizdat;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The modules talk to each other only through their APIs and events; their diagrams live in docs/. */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(TamizdatApplication.class);
    static final int LONGEST_CLASS = 360;

    @Test
    void modulesDependOnlyOnWhatTheyDeclare() {
        MODULES.verify();
    }

    @Test
    void everyClassButTheApplicationBelongsToAVerifiedModule() {
        var outside = new ClassFileImporter()
                        .withImportOption(new ImportOption.DoNotIncludeTests())
                        .importPackages(TamizdatApplication.class.getPackageName())
                        .stream()
                        .filter(type -> !type.getName().equals(TamizdatApplication.class.getName()))
                        .filter(type -> MODULES.getModuleByType(type.getName()).isEmpty())
                        .map(type -> type.getName())
                        .toList();

        assertThat(outside).isEmpty();
    }

    /** About 350 lines at most; a longer class says at its top why it is one class ("Longer than our other classes"). */
    @Test
    void everyLongClassSaysWhyItIsOne() throws IOException {
        List<String> unexplained;
        try (var files = Files.walk(Path.of("src/main/java"))) {
            unexplained = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> {
                        try {
                            List<String> lines = Files.readAllLines(file);
                            String top = String.join(" ", lines.subList(0, Math.min(lines.size(), 80)))
                                    .replaceAll("\\s*\\*\\s*", " ");
                            return lines.size() > LONGEST_CLASS && !top.contains("onger than our other classes");
                        } catch (IOException unreadable) {
                            throw new UncheckedIOException(unreadable);
                        }
                    })
                    .map(Path::toString)
                    .toList();
        }

        assertThat(unexplained).isEmpty();
    }

    @Test
    void writesTheModuleDocumentation() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
