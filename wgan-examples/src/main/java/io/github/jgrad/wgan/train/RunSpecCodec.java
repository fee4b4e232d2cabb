package io.github.jgrad.wgan.train;

import io.github.jgrad.nn.io.CheckpointFormatException;
import io.github.jgrad.wgan.data.DataOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link RunSpec} as string pairs, for a checkpoint's metadata. */
final class RunSpecCodec {
    private RunSpecCodec() {
    }

    static Map<String, String> encode(RunSpec s) {
        TrainConfig c = s.config();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("data", s.data());
        m.put("network", s.network());
        m.put("width", Integer.toString(s.width()));
        m.put("data_dir", s.dataDir() == null ? "" : s.dataDir().toString());
        m.put("objective", c.objective().id());
        m.put("iterations", Integer.toString(c.iterations()));
        m.put("batch_size", Integer.toString(c.batchSize()));
        m.put("n_critic", Integer.toString(c.nCritic()));
        m.put("clip_warmup", Boolean.toString(c.clipWarmup()));
        m.put("critic_lr", Double.toString(c.criticLr()));
        m.put("generator_lr", Double.toString(c.generatorLr()));
        m.put("beta1", Double.toString(c.beta1()));
        m.put("beta2", Double.toString(c.beta2()));
        m.put("lambda", Double.toString(c.lambda()));
        m.put("clip", Double.toString(c.clip()));
        m.put("seed", Long.toString(c.seed()));
        m.put("lr_decay", Boolean.toString(c.lrDecay()));
        m.put("instance_noise", Double.toString(c.instanceNoise()));
        m.put("real_label", Double.toString(c.realLabel()));
        m.put("init", c.init().id());
        DataOptions d = s.dataOptions();
        m.put("categorical", String.join(",", d.categorical()));
        m.put("drop_missing", Boolean.toString(d.dropMissing()));
        m.put("target", d.target());
        m.put("image_size", Integer.toString(d.imageSize()));
        m.put("channels", Integer.toString(d.channels()));
        return m;
    }

    static RunSpec decode(Path file, Map<String, String> m) throws CheckpointFormatException {
        try {
            TrainConfig c = new TrainConfig(Objective.fromId(get(m, "objective")), Integer.parseInt(get(m, "iterations")),
                    Integer.parseInt(get(m, "batch_size")), Integer.parseInt(get(m, "n_critic")),
                    Boolean.parseBoolean(get(m, "clip_warmup")), Double.parseDouble(get(m, "critic_lr")),
                    Double.parseDouble(get(m, "generator_lr")), Double.parseDouble(get(m, "beta1")),
                    Double.parseDouble(get(m, "beta2")), Double.parseDouble(get(m, "lambda")),
                    Double.parseDouble(get(m, "clip")), Long.parseLong(get(m, "seed")),
                    Boolean.parseBoolean(get(m, "lr_decay")),
                    // Settings added later are absent from older checkpoints, whose runs had them off
                    // and started from He-uniform weights.
                    Double.parseDouble(m.getOrDefault("instance_noise", "0")),
                    Double.parseDouble(m.getOrDefault("real_label", "1")),
                    NetworkInit.fromId(m.getOrDefault("init", NetworkInit.HE_UNIFORM.id())));
            String dir = get(m, "data_dir");
            // Checkpoints of toy and MNIST runs written before tables existed have no data options.
            String cats = m.getOrDefault("categorical", "");
            DataOptions d = new DataOptions(cats.isEmpty() ? List.of() : List.of(cats.split(",")),
                    Boolean.parseBoolean(m.getOrDefault("drop_missing", "false")), m.getOrDefault("target", ""),
                    Integer.parseInt(m.getOrDefault("image_size", "0")), Integer.parseInt(m.getOrDefault("channels", "0")));
            return new RunSpec(get(m, "data"), get(m, "network"), Integer.parseInt(get(m, "width")),
                    dir.isEmpty() ? null : Path.of(dir), c, d);
        } catch (IllegalArgumentException e) {
            throw new CheckpointFormatException(file + ": bad run settings in the metadata: " + e.getMessage(), e);
        }
    }

    private static String get(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing '" + key + "'");
        }
        return v;
    }
}
