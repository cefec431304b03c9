package io.github.cyclegan.trainingworker.job;

/** A job config that cannot be trained; the message names the option ("config.netG: ..."). */
public class JobConfigException extends JobFailedException {

    public JobConfigException(String message) {
        super(message);
    }
}
