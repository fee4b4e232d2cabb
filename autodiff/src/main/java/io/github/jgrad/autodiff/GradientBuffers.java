package io.github.jgrad.autodiff;

import io.github.jgrad.tensor.BufferPool;
import io.github.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gradients of one backward pass that records no graph, which the engine alone holds: it
 * sums the gradients that meet at a value into one of them in place, and hands each gradient's
 * array back to {@link BufferPool} once it is dead, so the next operations (the optimizer step,
 * the next forward pass) reuse that memory instead of allocating.
 *
 * <p>A gradient is dead once its node's rule has run and it is neither a result (a target's
 * gradient), nor pending at another value, nor shared with a tensor that is (a rule may pass its
 * gradient on unchanged, or as a view). The pool's lease accepts only arrays allocated during this
 * pass on this thread, so values of the forward graph and gradients passed in by the caller are
 * never handed back. With {@code createGraph} the gradients are part of a new graph and nothing
 * is reused.
 */
final class GradientBuffers implements AutoCloseable {
    private final BufferPool.Lease lease;
    private final Map<Var, Var> pending;
    private final Map<Var, Var> results;
    private final List<Tensor> candidates = new ArrayList<>();

    private GradientBuffers(BufferPool.Lease lease, Map<Var, Var> pending, Map<Var, Var> results) {
        this.lease = lease;
        this.pending = pending;
        this.results = results;
    }

    /** Buffers for one pass over {@code pending} gradients into {@code results}; inert with {@code createGraph}. */
    static GradientBuffers open(boolean createGraph, Map<Var, Var> pending, Map<Var, Var> results) {
        return new GradientBuffers(createGraph ? null : BufferPool.open(), pending, results);
    }

    /**
     * Adds {@code contribution}, one of the {@code produced} gradients of the node whose own
     * gradient was {@code consumed}, to the gradient pending at {@code input}.
     */
    void accumulate(Var input, Var contribution, Var consumed, Var[] produced) {
        Var previous = pending.get(input);
        if (previous == null) {
            pending.put(input, contribution);
            return;
        }
        Tensor sum = previous.value();
        Tensor add = contribution.value();
        if (lease != null && lease.owns(sum) && sum.shape().equals(add.shape()) && sum.dtype() == add.dtype()
                && holders(sum, consumed, produced) == 1) {
            // Adding 1.0 times a value is exact, so this is the same sum as previous.add(contribution).
            sum.addScaledInPlace(add, 1.0);
            candidates.add(add);
            return;
        }
        pending.put(input, previous.add(contribution));
        if (lease != null) {
            candidates.add(sum);
            candidates.add(add);
        }
    }

    /**
     * Called after a node's rule has run and its gradients were accumulated: hands back the
     * node's own gradient and the tensors that were summed away, each unless something live
     * still refers to its array.
     */
    void finishNode(Var consumed) {
        if (lease == null) {
            return;
        }
        if (consumed != null) {
            candidates.add(consumed.value());
        }
        for (Tensor dead : candidates) {
            if (lease.owns(dead) && holders(dead, null, null) == 0) {
                lease.recycle(dead);
            }
        }
        candidates.clear();
    }

    /** How many live gradients (pending, results, and the given node's own and produced ones) use {@code t}'s array. */
    private int holders(Tensor t, Var consumed, Var[] produced) {
        int n = 0;
        for (Var v : pending.values()) {
            n += shares(t, v);
        }
        for (Var v : results.values()) {
            n += shares(t, v);
        }
        n += shares(t, consumed);
        if (produced != null) {
            for (Var v : produced) {
                n += shares(t, v);
            }
        }
        return n;
    }

    private static int shares(Tensor t, Var v) {
        return v != null && BufferPool.sameArray(t, v.value()) ? 1 : 0;
    }

    @Override
    public void close() {
        if (lease != null) {
            lease.close();
        }
    }
}
