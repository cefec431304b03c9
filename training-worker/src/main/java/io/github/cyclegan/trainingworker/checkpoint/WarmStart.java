package io.github.cyclegan.trainingworker.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.cyclegan.messaging.Network;
import io.github.cyclegan.model.WeightFiles;
import io.github.cyclegan.storage.ObjectInfo;
import io.github.cyclegan.storage.ObjectStore;
import io.github.cyclegan.storage.S3Uri;
import io.github.cyclegan.training.CycleGanModel;
import io.github.cyclegan.trainingworker.job.JobFailedException;
import io.github.cyclegan.weights.TensorFormatException;

/**
 * Starts a new run from another run's network weights (the job option {@code initFrom}): a
 * checkpoint folder, a published version folder, or any folder holding {@code G_A.safetensors}
 * and {@code G_B.safetensors} with the reference's state-dict names. Discriminator files are
 * loaded when present, so fine-tuning from a checkpoint keeps the critics that match its
 * generators; a version folder has none, and the discriminators then start from their random
 * initialisation. Optimiser moments, pools and the schedule always start fresh. Each file streams
 * into its network one tensor at a time.
 */
@ApplicationScoped
public class WarmStart {

    private static final Logger LOG = Logger.getLogger(WarmStart.class);

    @Inject
    ObjectStore store;

    public void load(CycleGanModel model, S3Uri folder) {
        if (!folder.bucket().equals(store.bucket())) {
            throw new JobFailedException("config.initFrom " + folder + " is outside the bucket this worker reads ('"
                    + store.bucket() + "')");
        }
        Set<String> present = store.list(folder.key()).stream().map(ObjectInfo::key).collect(Collectors.toSet());
        for (Network network : Network.GENERATORS) {
            if (!present.contains(key(folder, network))) {
                throw new JobFailedException("config.initFrom " + folder + " has no " + network.fileName()
                        + "; it must name a folder with G_A.safetensors and G_B.safetensors (a checkpoint or version folder)");
            }
            loadNetwork(model, folder, network);
        }
        List<Network> discriminators = Network.DISCRIMINATORS.stream().filter(n -> present.contains(key(folder, n))).toList();
        discriminators.forEach(network -> loadNetwork(model, folder, network));
        LOG.infof("networks G_A, G_B%s start from %s", discriminators.isEmpty() ? ""
                : ", " + discriminators.stream().map(Network::name).collect(Collectors.joining(", ")), folder);
    }

    /** Streams one file into its network; a read broken on the way starts again, as a failed request is retried. */
    private void loadNetwork(CycleGanModel model, S3Uri folder, Network network) {
        for (int attempt = 1; ; attempt++) {
            try (InputStream in = store.open(key(folder, network))) {
                WeightFiles.load(model.network(network), in);
                return;
            } catch (TensorFormatException | IllegalArgumentException e) {
                throw new JobFailedException("config.initFrom " + folder.resolve(network.fileName())
                        + " does not fit this job's " + network + " (same netG/netD, ngf/ndf, norm and channels needed): "
                        + e.getMessage(), e);
            } catch (IOException e) {
                if (attempt >= store.settings().maxAttempts()) {
                    throw new UncheckedIOException("cannot read " + folder.resolve(network.fileName()) + ": "
                            + e.getMessage(), e);
                }
                LOG.warnf("reading %s failed (attempt %d), reading it again: %s", folder.resolve(network.fileName()),
                        attempt, e.getMessage());
            }
        }
    }

    private static String key(S3Uri folder, Network network) {
        return folder.key() + network.fileName();
    }
}
