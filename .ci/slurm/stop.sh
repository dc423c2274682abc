#!/usr/bin/env bash
# Stops what .ci/slurm/start.sh started: slurmd, slurmctld, munged (by their pid files). Idempotent.
set -uo pipefail
quiet=0; [ "${1:-}" = --quiet ] && quiet=1

stop_pid_file() {
  local name="$1" file="$2" pid
  [ -s "$file" ] || return 0
  pid="$(cat "$file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    [ "$quiet" = 1 ] || echo "stopped $name ($pid)"
  fi
  rm -f "$file"
}
stop_pid_file slurmd /run/slurm/slurmd.pid
stop_pid_file slurmctld /run/slurm/slurmctld.pid
stop_pid_file munged /run/munge/munged.pid
exit 0
