#!/bin/bash
# Creates the system's topics; safe to rerun (--if-not-exists). Run by docker-compose.yml's init
# service and by the Kubernetes topics Job (base/topics-job.yaml), both in the apache/kafka image;
# an operator can run it by hand against any cluster. deploy-tests checks the names against
# io.github.cyclegan.messaging.Topics and the requests topic's partitions against the most
# inference replicas that compose and KEDA may start.
#
#   KAFKA_BOOTSTRAP_SERVERS  brokers (required)
#   REPLICATION_FACTOR       copies of each partition (default 1: one broker; 3 in production)
#   MIN_INSYNC_REPLICAS      copies that must have a record before the producers' acks=all succeeds (default 1;
#                            2 in production, so one broker may fail without losing an acknowledged record)
#   KAFKA_COMMAND_CONFIG     optional client properties file (SASL/TLS) for kafka-topics.sh
set -euo pipefail
: "${KAFKA_BOOTSTRAP_SERVERS:?set KAFKA_BOOTSTRAP_SERVERS}"
replication="${REPLICATION_FACTOR:-1}"
min_insync="${MIN_INSYNC_REPLICAS:-1}"
client=()
if [[ -n "${KAFKA_COMMAND_CONFIG:-}" ]]; then
  client=(--command-config "$KAFKA_COMMAND_CONFIG")
fi

# topic NAME PARTITIONS [--config K=V ...]
topic() {
  local name=$1 partitions=$2
  shift 2
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" "${client[@]}" \
    --create --if-not-exists --topic "$name" --partitions "$partitions" \
    --replication-factor "$replication" --config "min.insync.replicas=$min_insync" "$@"
}

# Jobs are keyed by model: one model's jobs share a partition; 4 lets 4 training workers run at once.
topic cyclegan.training.jobs 4
topic cyclegan.training.events 4
topic cyclegan.training.control 1
# The latest ModelVersion per model, read from the beginning by every inference worker.
topic cyclegan.models 1 --config cleanup.policy=compact
# At most one busy inference worker per partition: this is the ceiling of inference replicas.
topic cyclegan.translation.requests 8
topic cyclegan.translation.results 8
topic cyclegan.translation.requests.dlq 1
echo "topics ready"
