package io.github.cyclegan.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The topics deploy/k8s/base/create-topics.sh creates (compose's init and the Kubernetes Job run it). */
record TopicsScript(Map<String, Topic> topics) {

    static final String PATH = "deploy/k8s/base/create-topics.sh";

    record Topic(int partitions, List<String> configs) {}

    private static final Pattern LINE = Pattern.compile("^topic (\\S+) (\\d+)((?: --config \\S+)*)$");

    static TopicsScript read() {
        Map<String, Topic> topics = new LinkedHashMap<>();
        for (String line : Repo.read(PATH).lines().map(String::strip).filter(l -> l.startsWith("topic ")).toList()) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new AssertionError(PATH + ": cannot read the topic line '" + line + "'");
            }
            List<String> configs = m.group(3).isBlank() ? List.of()
                    : List.of(m.group(3).strip().replace("--config ", "").split(" "));
            if (topics.put(m.group(1), new Topic(Integer.parseInt(m.group(2)), configs)) != null) {
                throw new AssertionError(PATH + " creates " + m.group(1) + " twice");
            }
        }
        return new TopicsScript(topics);
    }

    int partitions(String topic) {
        Topic t = topics.get(topic);
        if (t == null) {
            throw new AssertionError(PATH + " does not create " + topic);
        }
        return t.partitions();
    }
}
