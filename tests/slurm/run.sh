#!/usr/bin/env bash
# Run examples/slurm/submit.sh for real: start a single-node Slurm (Debian slurm-wlm + munge,
# as root), submit the four chained stages (prepare array, reduce, build array, finalize) for 3
# shards, wait for the queue to empty, and check the corpus against a single-process build.
# Stops the daemons it started. ~30 s.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
[ "$(id -u)" = 0 ] || { echo "slurm test: needs root (it installs and starts Slurm)" >&2; exit 1; }
exec 9>/tmp/corpusmill-slurm-test.lock
flock 9   # one cluster per machine: concurrent runs wait

if ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
fi
STARTED=()
stop() {
  for pid in "${STARTED[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${STARTED[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; done
}
trap stop EXIT
# Daemons write their pid file a moment after forking.
remember() {
  for _ in $(seq 50); do [ -s "$1" ] && break; sleep 0.1; done
  STARTED+=("$(cat "$1")")
}
if ! sinfo -h >/dev/null 2>&1; then
  [ -s /etc/munge/munge.key ] || mungekey -c
  install -d -o munge -g munge -m 0755 /run/munge
  if ! munge -n >/dev/null 2>&1; then
    su -s /bin/sh munge -c /usr/sbin/munged
    remember /run/munge/munged.pid
  fi
  munge -n | unmunge >/dev/null
  mkdir -p /etc/slurm /var/spool/slurmd /var/log/slurm
  rm -rf /var/spool/slurmctld && mkdir -p /var/spool/slurmctld   # a fresh cluster state
  HOST=$(hostname -s)
  getent hosts "$HOST" >/dev/null || echo "127.0.0.1 $HOST" >> /etc/hosts
  cat > /etc/slurm/slurm.conf <<CONF
ClusterName=ci
SlurmctldHost=$HOST
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
$(slurmd -C | head -1) State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
  rm -f /run/slurmctld.pid /run/slurmd.pid
  slurmctld && remember /run/slurmctld.pid
  slurmd && remember /run/slurmd.pid
  for _ in $(seq 100); do sinfo -h -o %T | grep -qx idle && break; sleep 0.2; done
  sinfo -h -o %T | grep -qx idle || { echo "slurm test: node never became idle; see /var/log/slurm" >&2; exit 1; }
fi

[ -x target/release/corpusmill ] || cargo build --release --quiet
WORK=$(mktemp -d /tmp/corpusmill-slurm-XXXXXX)
mkdir -p "$WORK/input/a" "$WORK/input/b"
cp raw/* "$WORK/input/a/"
for f in raw/*; do sed 's/\.$/ today./' "$f" > "$WORK/input/b/$(basename "$f")"; done
cd "$WORK"
# The four chained stages of examples/slurm/submit.sh; wait until the queue is empty.
SHARDS=3 SBATCH_OPTS="--cpus-per-task=1" CORPUSMILL="$ROOT/target/release/corpusmill" \
  INPUT="$WORK/input" OUTPUT="$WORK/out" CONFIG="$ROOT/config/corpusmill.toml" \
  "$ROOT/examples/slurm/submit.sh"
for _ in $(seq 1500); do
  [ -z "$(squeue -h)" ] && break
  if squeue -h -o %r | grep -q DependencyNeverSatisfied; then
    cat "$WORK"/corpusmill-*.out >&2; scancel --user="$(id -un)"
    echo "slurm test: a stage failed, so the next never ran" >&2; exit 1
  fi
  sleep 0.2
done
[ -f "$WORK/out/manifest.json" ] || { cat "$WORK"/corpusmill-*.out >&2; echo "slurm test: finalize wrote no manifest" >&2; exit 1; }
"$ROOT/target/release/corpusmill" build --input "$WORK/input" --output "$WORK/single" \
  --config "$ROOT/config/corpusmill.toml" 2>/dev/null
python3 - "$WORK" <<'PY'
import json, os, sys
work = sys.argv[1]
sharded = json.load(open(f"{work}/out/manifest.json"))
single = json.load(open(f"{work}/single/manifest.json"))
parts = sorted(os.listdir(f"{work}/out/documents"))
assert parts == [f"part-{k:05}-of-00003.parquet" for k in range(3)], parts
for key in ("counts", "stages", "rejects", "config_hash", "dedup"):
    assert sharded[key] == single[key], f"manifest {key}: {sharded[key]} != {single[key]}"
assert sharded["counts"]["documents"] > 0
assert sharded["dedup"]["copies"] > 0, sharded["dedup"]
assert len(os.listdir(f"{work}/out/prepare")) == 4  # three shares and their sum
print(f"slurm test: ok, prepare, reduce, 3 build tasks, finalize -> {sharded['counts']['documents']} documents, "
      f"{sharded['counts']['sentences']} sentences, {sharded['dedup']['copies']} copies, same as a single build")
PY
rm -rf "$WORK"
