package io.github.jgrad.nn.optim;

import io.github.jgrad.nn.Parameter;
import io.github.jgrad.tensor.BufferPool;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Updates a fixed set of named {@link Parameter}s in place from their accumulated gradients, with
 * PyTorch's semantics: a parameter whose gradient is null is skipped (its state does not advance),
 * per-parameter state is created on the first step that touches the parameter, and the update
 * runs in the parameter's own precision (float arithmetic for F32, double for F64) over the live
 * storage, so a step allocates nothing once the state exists.
 *
 * <p>The state dict maps {@code "<parameter name>.<state name>"} (for example
 * {@code "0.weight.exp_avg"} or {@code "3.step"}) to tensors, plus {@code "lr"}, the current
 * learning rate, as a rank-0 F64 tensor. Names come from the map given to the constructor, so
 * passing {@code module.namedParameters()} gives state-dict keys that follow the module's own
 * names; {@link #indexed(List)} names a plain list {@code "0"}, {@code "1"}, ... as PyTorch does.
 * Keys without a dot are optimizer-wide; keys with one are split at the last dot, so parameter
 * names may contain dots but state names never do.
 */
public abstract class Optimizer {
    /** Key of the learning rate in the state dict. */
    public static final String LR_KEY = "lr";
    /** Name of the step counter state, a rank-0 F64 tensor holding a whole number. */
    protected static final String STEP = "step";

    private final String[] names;
    private final Parameter[] params;
    /** Per parameter: state tensors in the order of {@link #stateNames()}, or null before its first step. */
    private final Tensor[][] state;
    private double lr;

    /**
     * An optimizer over {@code params}, iterated in the map's order.
     *
     * @throws IllegalArgumentException if the map is empty, a name is empty, or one parameter is
     *     listed twice (it would be updated twice per step)
     */
    protected Optimizer(Map<String, Parameter> params, double lr) {
        Objects.requireNonNull(params, "params");
        if (params.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": no parameters to optimize");
        }
        this.names = new String[params.size()];
        this.params = new Parameter[params.size()];
        Map<Parameter, String> seen = new IdentityHashMap<>();
        int i = 0;
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), "parameter name");
            Parameter p = Objects.requireNonNull(e.getValue(), "parameter '" + name + "'");
            if (name.isEmpty()) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": empty parameter name");
            }
            String other = seen.put(p, name);
            if (other != null) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": parameter '" + name
                        + "' is the same object as '" + other + "'");
            }
            names[i] = name;
            this.params[i] = p;
            i++;
        }
        this.state = new Tensor[names.length][];
        setLearningRate(lr);
    }

    /** Names a plain list of parameters {@code "0"}, {@code "1"}, ... (PyTorch's optimizer state keys). */
    public static Map<String, Parameter> indexed(List<Parameter> params) {
        Objects.requireNonNull(params, "params");
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            out.put(Integer.toString(i), params.get(i));
        }
        return out;
    }

    /** The current learning rate. */
    public final double learningRate() {
        return lr;
    }

    /**
     * Sets the learning rate used by the next {@link #step()} (schedules call this).
     *
     * @throws IllegalArgumentException if {@code lr} is negative or not finite
     */
    public final void setLearningRate(double lr) {
        this.lr = Hyper.nonNegative(getClass().getSimpleName(), "lr", lr);
    }

    /** The parameters by name, in update order. */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            out.put(names[i], params[i]);
        }
        return Collections.unmodifiableMap(out);
    }

    /** Clears the gradient of every parameter. */
    public final void zeroGrad() {
        for (Parameter p : params) {
            p.zeroGrad();
        }
    }

    /** Applies one update to every parameter that has a gradient; the others are left as they are. */
    public final void step() {
        for (int i = 0; i < params.length; i++) {
            Tensor grad = params[i].grad();
            if (grad == null) {
                continue;
            }
            Tensor value = params[i].value();
            boolean fresh = state[i] == null;
            if (fresh) {
                state[i] = newState(value);
            }
            update(value, grad, state[i], fresh);
        }
    }

    /**
     * Names of the per-parameter state tensors this optimizer keeps with its configuration, in
     * the order {@link #update} receives them. {@link #STEP} is a rank-0 F64 counter; every
     * other state tensor has the parameter's shape and dtype.
     */
    protected abstract String[] stateNames();

    /**
     * Updates {@code value} in place.
     *
     * @param value the live parameter tensor
     * @param grad its gradient (same shape and dtype; never changed)
     * @param state this parameter's state tensors, in {@link #stateNames()} order, updated in place
     * @param fresh true on the first step of this parameter, when the state was just zero-filled
     */
    protected abstract void update(Tensor value, Tensor grad, Tensor[] state, boolean fresh);

    /** Adds one to a {@link #STEP} counter and returns the new count. */
    protected static long incrementStep(Tensor counter) {
        double count = counter.item() + 1;
        counter.fillInPlace(count);
        return (long) count;
    }

    private Tensor[] newState(Tensor value) {
        String[] sn = stateNames();
        // The state is created at the first step, often inside a training step whose arrays are
        // handed back when it ends (BufferPool.openStep); it must outlive that step.
        return BufferPool.outliving(() -> {
            Tensor[] s = new Tensor[sn.length];
            for (int k = 0; k < sn.length; k++) {
                s[k] = STEP.equals(sn[k]) ? Tensor.zeros(DType.F64, Shape.scalar()) : value.newZeros(value.shape());
            }
            return s;
        });
    }

    /**
     * Copies of the learning rate and of every state tensor, keyed as described in the class
     * comment. Parameters that have not been stepped yet have no entries.
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put(LR_KEY, Tensor.scalar(lr, DType.F64));
        String[] sn = stateNames();
        for (int i = 0; i < names.length; i++) {
            if (state[i] != null) {
                for (int k = 0; k < sn.length; k++) {
                    out.put(names[i] + "." + sn[k], state[i][k].copy());
                }
            }
        }
        return out;
    }

    /**
     * Replaces the learning rate and all per-parameter state with {@code dict}. Everything is
     * checked before anything changes, so on an error this optimizer is as it was. A parameter
     * must have either all of its state entries or none (none: not stepped yet, its state is
     * cleared). The tensors are copied, never shared.
     *
     * @throws IllegalArgumentException naming the offending key: missing {@code lr}, an unknown
     *     or incomplete parameter, a wrong shape or dtype, or a step count that is not a whole
     *     non-negative number
     */
    public final void loadStateDict(Map<String, Tensor> dict) {
        Tensor[][] incoming = validate(dict);
        // Everything checked: now replace, copying so the caller's map cannot alias our state.
        for (int i = 0; i < names.length; i++) {
            if (incoming[i] != null) {
                for (int k = 0; k < incoming[i].length; k++) {
                    incoming[i][k] = incoming[i][k].copy();
                }
            }
            state[i] = incoming[i];
        }
        this.lr = dict.get(LR_KEY).item();
    }

    /**
     * Checks {@code dict} as {@link #loadStateDict} would, changing nothing; lets a caller that
     * loads several things validate them all before touching any.
     *
     * @throws IllegalArgumentException as {@link #loadStateDict} does
     */
    public final void checkStateDict(Map<String, Tensor> dict) {
        validate(dict);
    }

    /** The state per parameter that {@code dict} holds (null where none), after checking all of it. */
    private Tensor[][] validate(Map<String, Tensor> dict) {
        Objects.requireNonNull(dict, "dict");
        String who = getClass().getSimpleName() + ".loadStateDict";
        Tensor lrT = dict.get(LR_KEY);
        if (lrT == null || lrT.size() != 1) {
            throw new IllegalArgumentException(who + ": '" + LR_KEY + "' must be a one-element tensor, got "
                    + (lrT == null ? "none" : "shape " + lrT.shape()));
        }
        Hyper.nonNegative(who, LR_KEY, lrT.item());
        String[] sn = stateNames();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            index.put(names[i], i);
        }
        Tensor[][] incoming = new Tensor[names.length][];
        for (Map.Entry<String, Tensor> e : dict.entrySet()) {
            String key = e.getKey();
            if (key.equals(LR_KEY)) {
                continue;
            }
            int dot = key.lastIndexOf('.');
            Integer pi = dot < 0 ? null : index.get(key.substring(0, dot));
            int k = dot < 0 ? -1 : indexOf(sn, key.substring(dot + 1));
            if (pi == null || k < 0) {
                throw new IllegalArgumentException(who + ": unexpected key '" + key + "' (parameters "
                        + index.keySet() + ", state names " + List.of(sn) + ")");
            }
            if (incoming[pi] == null) {
                incoming[pi] = new Tensor[sn.length];
            }
            incoming[pi][k] = checkEntry(who, key, sn[k], e.getValue(), params[pi].value());
        }
        for (int i = 0; i < names.length; i++) {
            if (incoming[i] == null) {
                continue;
            }
            List<String> missing = new ArrayList<>();
            for (int k = 0; k < sn.length; k++) {
                if (incoming[i][k] == null) {
                    missing.add(names[i] + "." + sn[k]);
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(who + ": state of parameter '" + names[i]
                        + "' is incomplete, missing " + missing);
            }
        }
        return incoming;
    }

    private static Tensor checkEntry(String who, String key, String stateName, Tensor t, Tensor param) {
        Objects.requireNonNull(t, key);
        if (STEP.equals(stateName)) {
            if (t.size() != 1 || t.dtype() != DType.F64) {
                throw new IllegalArgumentException(who + ": '" + key + "' must be a one-element F64 tensor, got "
                        + t.shape() + " " + t.dtype());
            }
            double v = t.item();
            if (!(v >= 0) || v != Math.rint(v) || v > (1L << 53)) {
                throw new IllegalArgumentException(who + ": '" + key + "' must be a whole non-negative count, got " + v);
            }
            return t.rank() == 0 ? t : Tensor.scalar(v, DType.F64);
        }
        if (!t.shape().equals(param.shape()) || t.dtype() != param.dtype()) {
            throw new IllegalArgumentException(who + ": '" + key + "' is " + t.shape() + " " + t.dtype()
                    + " but the parameter is " + param.shape() + " " + param.dtype());
        }
        return t;
    }

    private static int indexOf(String[] a, String s) {
        for (int k = 0; k < a.length; k++) {
            if (a[k].equals(s)) {
                return k;
            }
        }
        return -1;
    }
}
