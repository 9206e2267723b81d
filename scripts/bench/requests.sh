#!/usr/bin/env bash
# Request kinds against the docker CLI (docs/benchmarks.md, "Requests"): an ImagePullRequest of a random-data image from a
# loopback docker-registry vs `docker pull`, a ContainerCreateRequest vs `docker run -d`. Starts a private dockerd and a
# registry (needs root, docker.io and docker-registry, like the test harness) and an rdd API server with the engine and
# request controllers; measures interleaved; writes the section.
# Usage: scripts/bench/requests.sh [--mb N] [--runs N] [--results FILE]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=lib/java.sh
source "$repo/scripts/bench/lib/java.sh"
bench_java io.rancherdesktop.rdd.controller.engine.bench.RequestsBenchmark --out "$repo/docs/benchmarks.md" "$@"
