package press.tamizdat;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The modules talk to each other only through their APIs and events; their diagrams live in docs/. */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(TamizdatApplication.class);

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

    @Test
    void writesTheModuleDocumentation() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
