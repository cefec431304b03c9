package io.github.cyclegan.trainingworker.checkpoint;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.cyclegan.weights.SafetensorsReader;
import io.github.cyclegan.weights.TensorFormatException;
import io.github.cyclegan.model.WeightFiles;
import io.github.cyclegan.storage.ObjectInfo;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.storage.S3Uri;
import io.github.cyclegan.training.CycleGanModel;
import io.github.cyclegan.trainingworker.job.JobFailedException;

/**
 * Starts a new run from another run's network weights (the job option {@code initFrom}): a
 * checkpoint folder, a published version folder, or any folder holding {@code G_A.safetensors}
 * and {@code G_B.safetensors} with the reference's state-dict names. Discriminator files are
 * loaded when present, so fine-tuning from a checkpoint keeps the critics that match its
 * generators; a version folder has none, and the discriminators then start from their random
 * initialisation. Optimiser moments, pools and the schedule always start fresh.
 */
@ApplicationScoped
public class WarmStart {

    private static final Logger LOG = Logger.getLogger(WarmStart.class);
    private static final List<String> REQUIRED = List.of("G_A", "G_B");
    private static final List<String> OPTIONAL = List.of("D_A", "D_B");

    @Inject
    ObjectStore store;

    public void load(CycleGanModel model, S3Uri folder) {
        if (!folder.bucket().equals(store.bucket())) {
            throw new JobFailedException("config.initFrom " + folder + " is outside the bucket this worker reads ('"
                    + store.bucket() + "')");
        }
        Set<String> present = store.list(folder.key()).stream().map(ObjectInfo::key).collect(Collectors.toSet());
        for (String network : REQUIRED) {
            if (!present.contains(key(folder, network))) {
                throw new JobFailedException("config.initFrom " + folder + " has no " + fileName(network)
                        + "; it must name a folder with G_A.safetensors and G_B.safetensors (a checkpoint or version folder)");
            }
            loadNetwork(model, folder, network);
        }
        List<String> discriminators = OPTIONAL.stream().filter(n -> present.contains(key(folder, n))).toList();
        discriminators.forEach(network -> loadNetwork(model, folder, network));
        LOG.infof("networks G_A, G_B%s start from %s", discriminators.isEmpty() ? "" : ", " + String.join(", ", discriminators),
                folder);
    }

    private void loadNetwork(CycleGanModel model, S3Uri folder, String network) {
        try {
            WeightFiles.load(model.network(network), SafetensorsReader.read(store.get(key(folder, network))).tensors());
        } catch (TensorFormatException | IllegalArgumentException e) {
            throw new JobFailedException("config.initFrom " + folder.resolve(fileName(network))
                    + " does not fit this job's " + network + " (same netG/netD, ngf/ndf, norm and channels needed): "
                    + e.getMessage(), e);
        }
    }

    private static String key(S3Uri folder, String network) {
        return folder.key() + fileName(network);
    }

    private static String fileName(String network) {
        return network + ".safetensors";
    }
}
