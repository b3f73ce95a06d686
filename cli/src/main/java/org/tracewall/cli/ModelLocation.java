package org.tracewall.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

import org.tracewall.core.store.StateStore;
import org.tracewall.reputation.bayes.BayesModel;
import org.tracewall.reputation.bayes.StoreTokenCounts;
import org.tracewall.reputation.bayes.TokenCounts;
import org.tracewall.store.MvStoreStateStore;
import org.tracewall.store.RedisStateStore;

/**
 * Where {@code learn} and {@code scan} find the model: a model file ({@code --model}, what James
 * reads with {@code bayes.store=file}) or a state store ({@code --store}, what James reads with
 * {@code bayes.store=state}): {@code redis://host:6379} (shared, James may be running) or
 * {@code embedded:/path/state.mv.db} (James's embedded file, only while James is stopped: it holds
 * the file's lock).
 */
final class ModelLocation implements AutoCloseable {
    private final TokenCounts counts;
    private final Path file;
    private final StateStore store;

    private ModelLocation(TokenCounts counts, Path file, StateStore store) {
        this.counts = counts;
        this.file = file;
        this.store = store;
    }

    /** Exactly one of the two is given (the commands check). */
    static ModelLocation open(Path model, String storeUri, boolean mustExist) throws IOException {
        if (storeUri == null) {
            if (mustExist && !Files.exists(model)) {
                throw new IOException("No model at " + model + ": run tracewall learn first");
            }
            return new ModelLocation(BayesModel.loadOrEmpty(model), model, null);
        }
        StateStore store = openStore(storeUri);
        return new ModelLocation(new StoreTokenCounts(store), null, store);
    }

    private static StateStore openStore(String uri) throws IOException {
        if (uri.startsWith("redis://") || uri.startsWith("rediss://") || uri.startsWith("redis-sentinel://")) {
            return RedisStateStore.connect(uri, Duration.ofSeconds(5));
        }
        if (uri.startsWith("embedded:")) {
            return MvStoreStateStore.open(Path.of(uri.substring("embedded:".length())));
        }
        throw new IOException("--store: expected redis://host:port or embedded:/path/state.mv.db, not '" + uri + "'");
    }

    TokenCounts counts() {
        return counts;
    }

    /** Writes a model file; a store was written while learning. */
    void save() throws IOException {
        if (file != null) {
            ((BayesModel) counts).save(file);
        }
    }

    /**
     * The state store file of a James running beside {@code model}, if one holds it: with
     * {@code bayes.store=file} that James keeps the model in memory and writes it back as it learns
     * from spam@/ham@, so a model learned into the file now would be overwritten (and not seen until
     * it restarts). The embedded store's lock (James's default, {@code tracewall/state.mv.db} next
     * to the model) tells that it runs.
     */
    static Optional<Path> heldByRunningJames(Path model) {
        Path parent = model.toAbsolutePath().getParent();
        Path state = parent == null ? null : parent.resolve("state.mv.db");
        if (state == null || !Files.isRegularFile(state)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(state, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return Optional.of(state);
            }
            lock.release();
            return Optional.empty();
        } catch (OverlappingFileLockException e) {
            return Optional.of(state);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    String describe() {
        return file != null ? file.toString() : counts.describe();
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
