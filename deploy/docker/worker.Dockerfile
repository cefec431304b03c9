# syntax=docker/dockerfile:1
# One image recipe for both workers, built from the repository root (the build context):
#
#   docker build -f deploy/docker/worker.Dockerfile --build-arg WORKER=inference-worker -t cyclegan/inference-worker:0.1.0-SNAPSHOT .
#   docker build -f deploy/docker/worker.Dockerfile --build-arg WORKER=training-worker  -t cyclegan/training-worker:0.1.0-SNAPSHOT .
#   docker build -f deploy/docker/worker.Dockerfile --build-arg WORKER=training-worker \
#       --build-arg MAVEN_PROFILES=-Pcuda --build-arg RUNTIME_IMAGE=nvidia/cuda:12.8.1-runtime-ubuntu24.04 \
#       --build-arg ENGINE_CHECK=false -t cyclegan/training-worker:0.1.0-SNAPSHOT-cu128 .
#
# docker-compose.yml and docs/operations.md use exactly these. The first stage runs Maven (with a
# BuildKit cache for ~/.m2, so only the first build downloads the ~700 MB of dependencies); the
# second is the runtime: Quarkus' fast-jar layout (target/quarkus-app), a JRE, jemalloc, a non-root
# user and DJL's engine cache filled at build time, so that a pod never downloads or unpacks
# anything when it starts.

ARG RUNTIME_IMAGE=ubuntu:24.04

FROM maven:3.9.9-eclipse-temurin-17 AS build
ARG WORKER=inference-worker
# -Pcuda swaps the training worker's PyTorch native jar for the CUDA 12.8 one (training-worker/pom.xml).
ARG MAVEN_PROFILES=
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl "${WORKER}" -am package -DskipTests ${MAVEN_PROFILES}

FROM ${RUNTIME_IMAGE}
ARG WORKER=inference-worker
# false for the CUDA image: DJL refuses a CUDA native jar on a machine without a GPU, which a
# docker build is; the cache is filled all the same and `EngineCheck --require-gpu` runs in the pod.
ARG ENGINE_CHECK=true

# Ubuntu 24.04's OpenJDK 17 runtime; jemalloc (see BENCHMARKS.md: half the system time and a lower
# peak RSS than glibc malloc for libtorch's large tensors); curl for the compose health checks;
# unzip for the DJL cache step below.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      openjdk-17-jre-headless libjemalloc2 curl unzip ca-certificates \
 && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 cyclegan \
 && useradd --system --uid 10001 --gid cyclegan --home-dir /home/cyclegan --create-home cyclegan

# OMP_WAIT_POLICY=PASSIVE: idle OpenMP threads sleep instead of spinning (spinning made ops 5-60x
# slower on 2 cores). MALLOC_CONF keeps freed memory for reuse (the launcher's setting; an inference
# pod that must stay small can set background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0).
# DJL_OFFLINE: the engine never looks for anything online (it also skips a telemetry probe).
ENV DJL_CACHE_DIR=/opt/djl-cache \
    DJL_OFFLINE=true \
    OMP_WAIT_POLICY=PASSIVE \
    LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 \
    MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1 \
    JAVA_OPTS="-XX:MaxRAMPercentage=25 -XX:+ExitOnOutOfMemoryError"

COPY --from=build --chown=10001:10001 /src/${WORKER}/target/quarkus-app/ /app/
COPY deploy/docker/djl-cache-from-jars.sh /usr/local/bin/djl-cache-from-jars.sh
RUN /usr/local/bin/djl-cache-from-jars.sh /app/lib/main/ai.djl.pytorch.pytorch-native-*.jar \
      /app/lib/main/ai.djl.pytorch.pytorch-jni-*.jar "${DJL_CACHE_DIR}" \
 && chown -R 10001:10001 "${DJL_CACHE_DIR}"

USER 10001:10001
WORKDIR /home/cyclegan
# Starts the engine once from the filled cache, offline, as the runtime user: the image is known to
# load libtorch before it is ever deployed.
RUN if [ "${ENGINE_CHECK}" = "true" ]; then \
      java -cp '/app/lib/boot/*:/app/lib/main/*' io.github.cyclegan.serving.EngineCheck; \
    fi

EXPOSE 8080
# exec: java is PID 1 and gets SIGTERM itself, which is what starts the workers' graceful shutdown.
ENTRYPOINT ["/bin/sh", "-c", "exec java ${JAVA_OPTS} -jar /app/quarkus-run.jar"]
