package io.github.jgrad.nn.io;

import io.github.jgrad.nn.Module;
import io.github.jgrad.nn.optim.LRScheduler;
import io.github.jgrad.nn.optim.Optimizer;
import io.github.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Saves and restores training state as safetensors files.
 *
 * <ul>
 *   <li>{@code <path>} holds the module's state dict and nothing else: its tensor names are
 *       exactly the module's dotted state-dict names, so PyTorch's
 *       {@code model.load_state_dict(safetensors.torch.load_file(path))} accepts it for the same
 *       architecture. Its {@code __metadata__} holds the caller's training metadata (iteration,
 *       seed, RNG state, ...), plus {@code "format": "pt"} as PyTorch-written files have and
 *       {@code "jgrad.checkpoint_id"}, a random id of this save.</li>
 *   <li>{@code <stem>.optim.safetensors} beside it ({@link #optimizerPath}) holds the optimizer's
 *       state dict under {@code "optimizer."} and the scheduler's under {@code "scheduler."}, with
 *       the same id and the optimizer's and scheduler's class names in its metadata.</li>
 * </ul>
 *
 * Each file is replaced atomically. The optimizer file is written first and the weights file
 * last; a crash between the two leaves the previous weights with the new optimizer state, which
 * loading detects through the differing ids and refuses (the weights alone still load). Saving
 * without an optimizer leaves an older optimizer file in place; its id no longer matches.
 *
 * <p>Loading reads and validates everything (file format, names, shapes, dtypes, optimizer and
 * scheduler state) before changing anything: on any error the module, optimizer and scheduler
 * are as they were.
 */
public final class Checkpoint {
    /** What replaces {@code .safetensors} in the name of the optimizer state file. */
    public static final String OPTIMIZER_SUFFIX = ".optim.safetensors";
    static final String FORMAT_KEY = "format";
    static final String ID_KEY = "jgrad.checkpoint_id";
    static final String OPTIMIZER_KEY = "jgrad.optimizer";
    static final String SCHEDULER_KEY = "jgrad.scheduler";
    private static final String RESERVED_PREFIX = "jgrad.";
    private static final String OPT_PREFIX = "optimizer.";
    private static final String SCHED_PREFIX = "scheduler.";

    private Checkpoint() {
    }

    /** The optimizer state file that belongs to the weights file {@code path}: {@code <stem>.optim.safetensors}. */
    public static Path optimizerPath(Path path) {
        String name = path.getFileName().toString();
        String stem = name.endsWith(".safetensors") ? name.substring(0, name.length() - ".safetensors".length()) : name;
        return path.resolveSibling(stem + OPTIMIZER_SUFFIX);
    }

    /** Saves the module's weights and {@code metadata} to {@code path}. */
    public static void save(Path path, Module module, Map<String, String> metadata) throws IOException {
        save(path, module, null, null, metadata);
    }

    /**
     * Saves the module's weights, the optimizer's and scheduler's state, and {@code metadata}.
     *
     * @param optimizer may be null (then no optimizer file is written and scheduler must be null)
     * @param scheduler may be null; otherwise it must schedule {@code optimizer}
     * @param metadata training metadata; keys {@code format} and {@code jgrad.*} are reserved
     * @throws IllegalArgumentException on a reserved metadata key or a scheduler of another optimizer
     * @throws IOException if writing fails; files not yet replaced are untouched
     */
    public static void save(Path path, Module module, Optimizer optimizer, LRScheduler scheduler,
            Map<String, String> metadata) throws IOException {
        save(path, module, optimizer, scheduler, metadata, AtomicFiles.Observer.NONE, AtomicFiles.Observer.NONE);
    }

    /** {@link #save(Path, Module, Optimizer, LRScheduler, Map)} with failure hooks for tests. */
    static void save(Path path, Module module, Optimizer optimizer, LRScheduler scheduler, Map<String, String> metadata,
            AtomicFiles.Observer weightsObserver, AtomicFiles.Observer optimizerObserver) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(metadata, "metadata");
        for (String k : metadata.keySet()) {
            if (k.equals(FORMAT_KEY) || k.startsWith(RESERVED_PREFIX)) {
                throw new IllegalArgumentException("Checkpoint: metadata key '" + k + "' is reserved");
            }
        }
        if (scheduler != null && scheduler.optimizer() != optimizer) {
            throw new IllegalArgumentException("Checkpoint: the scheduler does not schedule the given optimizer");
        }
        String id = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        if (optimizer != null) {
            Map<String, Tensor> state = new LinkedHashMap<>();
            optimizer.stateDict().forEach((k, v) -> state.put(OPT_PREFIX + k, v));
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put(ID_KEY, id);
            meta.put(OPTIMIZER_KEY, optimizer.getClass().getSimpleName());
            if (scheduler != null) {
                scheduler.stateDict().forEach((k, v) -> state.put(SCHED_PREFIX + k, v));
                meta.put(SCHEDULER_KEY, scheduler.getClass().getSimpleName());
            }
            SafeTensors.write(optimizerPath(path), state, meta, optimizerObserver);
        }
        // The live tensors are written directly: nothing changes them while we write.
        Map<String, Tensor> weights = new LinkedHashMap<>();
        module.namedParameters().forEach((k, p) -> weights.put(k, p.value()));
        weights.putAll(module.namedBuffers());
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put(FORMAT_KEY, "pt");
        meta.put(ID_KEY, id);
        SafeTensors.write(path, weights, meta, weightsObserver);
    }

    /**
     * Loads weights into {@code module} and returns the training metadata saved with them.
     *
     * @throws CheckpointFormatException if the file is not valid safetensors
     * @throws CheckpointMismatchException if its names, shapes or dtypes differ from the module's
     */
    public static Map<String, String> load(Path path, Module module) throws IOException {
        return load(path, module, null, null);
    }

    /**
     * Loads weights into {@code module} and, when given, state into {@code optimizer} and
     * {@code scheduler}; returns the training metadata. All of it is validated first: on any
     * error nothing has changed.
     *
     * @throws CheckpointFormatException if a file is not valid safetensors
     * @throws CheckpointMismatchException if the files do not fit the module, optimizer or
     *     scheduler, or come from different saves
     */
    public static Map<String, String> load(Path path, Module module, Optimizer optimizer, LRScheduler scheduler)
            throws IOException {
        Objects.requireNonNull(module, "module");
        SafeTensors.Contents weights = SafeTensors.read(path);
        checkModule(path, weights.tensors(), module);
        Map<String, Tensor> optState = new LinkedHashMap<>();
        Map<String, Tensor> schedState = new LinkedHashMap<>();
        if (optimizer != null || scheduler != null) {
            readOptimizerFile(path, weights.metadata().get(ID_KEY), optimizer, scheduler, optState, schedState);
        }
        Path optPath = optimizerPath(path);
        try {
            if (optimizer != null) {
                optimizer.checkStateDict(optState);
            }
            if (scheduler != null) {
                scheduler.checkStateDict(schedState);
            }
        } catch (IllegalArgumentException e) {
            throw new CheckpointMismatchException(optPath + ": " + e.getMessage(), e);
        }
        // Everything is valid: from here on nothing can fail.
        module.loadStateDict(weights.tensors(), true);
        if (optimizer != null) {
            optimizer.loadStateDict(optState);
        }
        if (scheduler != null) {
            scheduler.loadStateDict(schedState);
        }
        Map<String, String> out = new LinkedHashMap<>(weights.metadata());
        out.remove(FORMAT_KEY);
        out.keySet().removeIf(k -> k.startsWith(RESERVED_PREFIX));
        return out;
    }

    private static void checkModule(Path path, Map<String, Tensor> found, Module module)
            throws CheckpointMismatchException {
        Map<String, Tensor> expected = new LinkedHashMap<>();
        module.namedParameters().forEach((k, p) -> expected.put(k, p.value()));
        expected.putAll(module.namedBuffers());
        List<String> missing = new ArrayList<>();
        for (String k : expected.keySet()) {
            if (!found.containsKey(k)) {
                missing.add(k);
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String k : found.keySet()) {
            if (!expected.containsKey(k)) {
                unexpected.add(k);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new CheckpointMismatchException(path + ": does not fit the module: missing tensors " + missing
                    + ", unexpected tensors " + unexpected);
        }
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            Tensor src = found.get(e.getKey());
            Tensor dst = e.getValue();
            if (!src.shape().equals(dst.shape()) || src.dtype() != dst.dtype()) {
                throw new CheckpointMismatchException(path + ": tensor '" + e.getKey() + "' is " + src.shape() + " "
                        + src.dtype() + " but the module expects " + dst.shape() + " " + dst.dtype());
            }
        }
    }

    private static void readOptimizerFile(Path path, String id, Optimizer optimizer, LRScheduler scheduler,
            Map<String, Tensor> optState, Map<String, Tensor> schedState) throws IOException {
        Path optPath = optimizerPath(path);
        if (!Files.exists(optPath)) {
            throw new CheckpointMismatchException(path + ": no optimizer state file " + optPath
                    + " beside it (was the checkpoint saved without an optimizer?)");
        }
        SafeTensors.Contents opt = SafeTensors.read(optPath);
        Map<String, String> meta = opt.metadata();
        if (id == null || !id.equals(meta.get(ID_KEY))) {
            throw new CheckpointMismatchException(optPath + " and " + path + " come from different saves (ids "
                    + meta.get(ID_KEY) + " and " + id + "); was a save interrupted between the two files?");
        }
        if (optimizer != null) {
            checkClass(optPath, "optimizer", meta.get(OPTIMIZER_KEY), optimizer.getClass().getSimpleName());
        }
        if (scheduler != null) {
            checkClass(optPath, "scheduler", meta.get(SCHEDULER_KEY), scheduler.getClass().getSimpleName());
        }
        for (Map.Entry<String, Tensor> e : opt.tensors().entrySet()) {
            String k = e.getKey();
            if (k.startsWith(OPT_PREFIX)) {
                optState.put(k.substring(OPT_PREFIX.length()), e.getValue());
            } else if (k.startsWith(SCHED_PREFIX)) {
                schedState.put(k.substring(SCHED_PREFIX.length()), e.getValue());
            } else {
                throw new CheckpointMismatchException(optPath + ": tensor '" + k + "' is neither optimizer. nor scheduler. state");
            }
        }
    }

    private static void checkClass(Path file, String what, String saved, String actual)
            throws CheckpointMismatchException {
        if (saved == null) {
            throw new CheckpointMismatchException(file + ": holds no " + what + " state, but a " + actual + " was given");
        }
        if (!saved.equals(actual)) {
            throw new CheckpointMismatchException(file + ": " + what + " state was saved by " + saved + " but the "
                    + what + " is " + actual);
        }
    }
}
