package io.github.jgrad.nn;

import io.github.jgrad.autodiff.Anomaly;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A network building block with named parameters, buffers (non-trained state such as running
 * statistics) and sub-modules. Names nest with dots exactly as in a PyTorch state dict
 * ({@code 0.weight}, {@code critic.fc1.bias}), so checkpoints map one to one.
 *
 * <p>Every built-in layer extends {@link Layer}, a module whose simple name does not clash with
 * {@code java.lang.Module} under {@code import io.github.jgrad.nn.*}; declare and extend that.
 * Every method that takes a network takes a {@code Module}, so both names work.
 */
public abstract class Module {
    static {
        Anomaly.treatAsLibrary(Module.class);
    }

    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Computes this module's output for {@code input}. */
    public abstract Var forward(Var input);

    /** Registers a parameter under {@code name}; returns it. */
    protected final Parameter registerParameter(String name, Parameter p) {
        checkName(name);
        parameters.put(name, Objects.requireNonNull(p, "parameter"));
        return p;
    }

    /** Registers a buffer (saved in the state dict, not trained) under {@code name}; returns it. */
    protected final Tensor registerBuffer(String name, Tensor t) {
        checkName(name);
        buffers.put(name, Objects.requireNonNull(t, "buffer"));
        return t;
    }

    /** Registers a sub-module under {@code name}; returns it. */
    protected final <M extends Module> M registerModule(String name, M m) {
        checkName(name);
        children.put(name, Objects.requireNonNull(m, "module"));
        return m;
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("module: name must be non-empty and contain no '.', got '" + name + "'");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("module: name '" + name + "' is already registered");
        }
    }

    /** Direct sub-modules by name, in registration order. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Every parameter of this module and its sub-modules, by dotted name, in registration order. */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect("", out, new LinkedHashMap<>());
        return out;
    }

    /** Every buffer of this module and its sub-modules, by dotted name. */
    public final Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", new LinkedHashMap<>(), out);
        return out;
    }

    private void collect(String prefix, Map<String, Parameter> ps, Map<String, Tensor> bs) {
        parameters.forEach((n, p) -> ps.put(prefix + n, p));
        buffers.forEach((n, b) -> bs.put(prefix + n, b));
        children.forEach((n, m) -> m.collect(prefix + n + ".", ps, bs));
    }

    /** Every parameter, in the order of {@link #namedParameters()}. */
    public final List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Every module in this tree, this one first, depth first. */
    public final List<Module> modules() {
        List<Module> out = new ArrayList<>();
        out.add(this);
        for (Module c : children.values()) {
            out.addAll(c.modules());
        }
        return out;
    }

    /** Clears every parameter's gradient. */
    public final void zeroGrad() {
        for (Parameter p : parameters()) {
            p.zeroGrad();
        }
    }

    /** Switches this module and all sub-modules to training mode; returns this. */
    public final Module train() {
        return setTraining(true);
    }

    /** Switches this module and all sub-modules to evaluation mode; returns this. */
    public final Module eval() {
        return setTraining(false);
    }

    private Module setTraining(boolean on) {
        for (Module m : modules()) {
            m.training = on;
        }
        return this;
    }

    /** True in training mode (the default). */
    public final boolean isTraining() {
        return training;
    }

    /** Copies of every parameter and buffer value, by dotted name (parameters first). */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        namedParameters().forEach((n, p) -> out.put(n, p.value().copy()));
        namedBuffers().forEach((n, b) -> out.put(n, b.copy()));
        return out;
    }

    /**
     * Loads values by dotted name. Everything is checked before anything is written, so on an
     * error the module is unchanged.
     *
     * @param strict if true, missing and unexpected names are errors; otherwise they are skipped
     * @throws IllegalArgumentException naming the offending key, shape or dtype
     */
    public final void loadStateDict(Map<String, Tensor> state, boolean strict) {
        Objects.requireNonNull(state, "state");
        Map<String, Tensor> targets = new LinkedHashMap<>();
        namedParameters().forEach((n, p) -> targets.put(n, p.value()));
        targets.putAll(namedBuffers());
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : targets.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src == null) {
                missing.add(e.getKey());
                continue;
            }
            Tensor dst = e.getValue();
            if (!src.shape().equals(dst.shape())) {
                throw new IllegalArgumentException("loadStateDict: '" + e.getKey() + "' has shape " + src.shape()
                        + " but the module expects " + dst.shape());
            }
            if (src.dtype() != dst.dtype()) {
                throw new IllegalArgumentException("loadStateDict: '" + e.getKey() + "' has dtype " + src.dtype()
                        + " but the module expects " + dst.dtype());
            }
        }
        if (strict) {
            List<String> unexpected = new ArrayList<>();
            for (String k : state.keySet()) {
                if (!targets.containsKey(k)) {
                    unexpected.add(k);
                }
            }
            if (!missing.isEmpty() || !unexpected.isEmpty()) {
                throw new IllegalArgumentException("loadStateDict: missing keys " + missing + ", unexpected keys "
                        + unexpected);
            }
        }
        for (Map.Entry<String, Tensor> e : targets.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src != null) {
                e.getValue().copyFromInPlace(src);
            }
        }
    }

    /** One line per module, indented by depth, with parameter shapes. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName());
        if (!children.isEmpty()) {
            sb.append("(\n");
            children.forEach((n, m) -> sb.append("  (").append(n).append("): ")
                    .append(m.toString().replace("\n", "\n  ")).append('\n'));
            sb.append(')');
        }
        return sb.toString();
    }
}
