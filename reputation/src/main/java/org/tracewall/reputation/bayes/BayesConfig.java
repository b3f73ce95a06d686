package org.tracewall.reputation.bayes;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.tracewall.core.config.ConfigValues;

/**
 * The {@code bayes.*} keys of tracewall.properties: where the model lives.
 *
 * <pre>
 * bayes.store=file                      # file (default): one node, bayes.model on disk
 *                                       # state: in the state store (store.*): with Redis, all nodes share it
 * bayes.model=tracewall/bayes.model     # file: relative to James's var/ folder
 * </pre>
 */
public final class BayesConfig {
    /** Where the token counts are kept. */
    public enum Storage { FILE, STATE }

    private static final Set<String> KEYS = Set.of("bayes.store", "bayes.model");

    private final Storage storage;
    private final Path modelFile;

    private BayesConfig(Storage storage, Path modelFile) {
        this.storage = storage;
        this.modelFile = modelFile;
    }

    /**
     * @param var James's var/ folder, against which {@code bayes.model} resolves
     * @throws IllegalArgumentException naming the bad or unknown key
     */
    public static BayesConfig fromProperties(Map<String, String> p, Path var) {
        for (String key : p.keySet()) {
            if (key.startsWith("bayes.") && !KEYS.contains(key)) {
                throw new IllegalArgumentException("Unknown key '" + key + "' (known: bayes.store, bayes.model)");
            }
        }
        Storage storage = ConfigValues.choice("bayes.store", p.getOrDefault("bayes.store", "file"), Storage.class);
        return new BayesConfig(storage, var.resolve(p.getOrDefault("bayes.model", "tracewall/bayes.model").trim()));
    }

    public Storage storage() {
        return storage;
    }

    public Path modelFile() {
        return modelFile;
    }
}
