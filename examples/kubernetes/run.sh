#!/usr/bin/env bash
# A sharded corpusmill build on Kubernetes: the four stages as Jobs, each started when the one
# before it has completed (prepare Indexed Job -> reduce Job -> build Indexed Job -> finalize
# Job). Keep the shard count equal in prepare-job.yaml, reduce-job.yaml and indexed-job.yaml.
#
#   examples/kubernetes/run.sh            # TIMEOUT=24h for a large corpus
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
TIMEOUT=${TIMEOUT:-6h}
for stage in prepare-job reduce-job indexed-job finalize-job; do
  name=$(kubectl create -f "$HERE/$stage.yaml" -o name)
  echo "started $name"
  kubectl wait --for=condition=complete --timeout="$TIMEOUT" "$name"
done
