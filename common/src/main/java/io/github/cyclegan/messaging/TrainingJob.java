package io.github.cyclegan.messaging;

import java.util.Map;

/**
 * Train (or resume training) the two generators of {@code model} on the unpaired image sets under
 * {@code datasetA} and {@code datasetB}. Published on {@link Topics#TRAINING_JOBS}, keyed by model name.
 *
 * @param config hyper-parameters by reference name ({@code netG}, {@code ngf}, {@code nEpochs}, ...); a job
 *               without one trains with the reference's defaults
 */
public record TrainingJob(int schemaVersion, String jobId, String model, String datasetA, String datasetB,
        TrainingConfig config) implements Message {

    private static final String NAME = "TrainingJob";

    public TrainingJob {
        schemaVersion = Message.schemaVersion(schemaVersion, NAME);
        Require.name(jobId, NAME, "jobId");
        Require.name(model, NAME, "model");
        Require.s3Uri(datasetA, NAME, "datasetA");
        Require.s3Uri(datasetB, NAME, "datasetB");
        config = config == null ? TrainingConfig.defaults() : config;
    }

    public TrainingJob(String jobId, String model, String datasetA, String datasetB, TrainingConfig config) {
        this(CURRENT_SCHEMA_VERSION, jobId, model, datasetA, datasetB, config);
    }

    /** A job whose config is given as its JSON object's keys and values ({@link TrainingConfig#of}). */
    public TrainingJob(String jobId, String model, String datasetA, String datasetB, Map<String, ?> config) {
        this(jobId, model, datasetA, datasetB, TrainingConfig.of(config));
    }

    @Override
    public String kafkaKey() {
        return model;
    }
}
