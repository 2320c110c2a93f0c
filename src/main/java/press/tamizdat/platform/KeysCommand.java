package press.tamizdat.platform;

import java.io.IOException;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar tamizdat.jar keys rotate [SETTING ...]}: new keys for the site's own keys (all
 * of them unless some are named), with every node stopped; see {@link KeyRotation}.
 */
@Component
class KeysCommand implements ApplicationRunner {

    private final KeyRotation rotation;
    private final ConfigurableApplicationContext context;

    KeysCommand(KeyRotation rotation, ConfigurableApplicationContext context) {
        this.rotation = rotation;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        List<String> words = arguments.getNonOptionArgs();
        if (words.isEmpty() || !words.getFirst().equals("keys")) {
            return;
        }
        int status;
        try {
            status = rotate(words);
        } catch (KeyRotation.Refused | IOException refused) {
            System.err.println(refused.getMessage());
            status = 1;
        } catch (RuntimeException failed) {
            System.err.println("The keys were not rotated, nothing changed: " + failed.getMessage());
            status = 1;
        }
        int exit = status;
        System.exit(SpringApplication.exit(context, () -> exit));
    }

    private int rotate(List<String> words) throws IOException {
        if (words.size() < 2 || !words.get(1).equals("rotate")) {
            System.err.println("Usage: keys rotate [" + String.join(" ", rotation.settings()) + "]");
            return 2;
        }
        List<String> chosen = words.size() == 2 ? rotation.settings() : words.subList(2, words.size());
        var rotated = rotation.rotate(chosen);
        boolean byOperator = false;
        for (var key : rotated) {
            System.out.println(key.setting() + " rotated");
            key.done().forEach(line -> System.out.println("  " + line));
            byOperator |= key.setByOperator();
        }
        if (byOperator) {
            System.out.println("Set the new keys in every node's environment before starting them: "
                    + rotation.envFile() + " (then delete it)");
        } else {
            System.out.println("The new keys are in the data directory; start the nodes.");
        }
        System.out.println("Make a new backup now: the ones before hold the old keys.");
        return 0;
    }
}
