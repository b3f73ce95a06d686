package org.tracewall.reputation.bayes;

import java.nio.file.Path;
import java.util.Map;

import org.tracewall.core.config.Option;
import org.tracewall.core.config.OptionSection;
import org.tracewall.core.config.OptionValues;

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

    public static final Option<Storage> STORE = Option.choice("bayes.store", Storage.class, Storage.FILE,
        "file: the model file (one node); state: the state store (with Redis, shared by all nodes)");
    public static final Option<String> MODEL = Option.text("bayes.model", "tracewall/bayes.model",
        "the model file, relative to James's var/");
    public static final OptionSection OPTIONS = OptionSection.of("bayes.", "Bayes", STORE, MODEL);

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
        OptionValues values = OPTIONS.read(p);
        return new BayesConfig(values.get(STORE), var.resolve(values.get(MODEL)));
    }

    public Storage storage() {
        return storage;
    }

    public Path modelFile() {
        return modelFile;
    }
}
