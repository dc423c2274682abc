#!/usr/bin/env bash
# Starts a single-node Slurm on this machine for Fairshift's real-Slurm tests and README walkthrough.
# Run as root on Debian 12 (or any Debian with slurm-wlm): installs slurm-wlm and munge when absent,
# writes /etc/slurm/slurm.conf (two partitions, "north" and "south", standing for hubs in two grid zones,
# each limited to half of the node's CPUs so their capacities do not overlap), installs Fairshift's
# job_submit.lua, and starts munged, slurmctld and slurmd. Idempotent: running it again restarts the
# daemons on a freshly written configuration.
#
# Environment: FAIRSHIFT_SLURM_CPUS (default 16; the node advertises this many CPUs whatever the host has,
# jobs in the tests only sleep), FAIRSHIFT_SLURM_SKIP_INSTALL=1 to never call apt-get.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

if [ "$(id -u)" -ne 0 ]; then
  echo "start.sh must run as root (it writes /etc/slurm and starts daemons). Maybe: sudo $0" >&2
  exit 1
fi

if ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
  if [ "${FAIRSHIFT_SLURM_SKIP_INSTALL:-0}" = 1 ]; then
    echo "slurmctld or munged is missing and FAIRSHIFT_SLURM_SKIP_INSTALL=1. Maybe: apt-get install slurm-wlm munge" >&2
    exit 1
  fi
  echo "Installing slurm-wlm and munge"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq slurm-wlm munge >/dev/null
fi

"$here/stop.sh" --quiet || true

node="$(hostname -s)"
cpus="${FAIRSHIFT_SLURM_CPUS:-16}"
half=$((cpus / 2))
mem_mb=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 / 2 ))

# munge: a key if the package did not create one, run directories, then the daemon.
install -d -o munge -g munge -m 0700 /etc/munge /var/lib/munge /var/log/munge
install -d -o munge -g munge -m 0755 /run/munge
if [ ! -s /etc/munge/munge.key ]; then
  dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key status=none
fi
chown munge:munge /etc/munge/munge.key
chmod 0400 /etc/munge/munge.key
if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  echo "munged is already running (left by an earlier run?): using it"
else
  su -s /bin/sh munge -c /usr/sbin/munged
fi
for _ in $(seq 1 50); do [ -S /run/munge/munge.socket.2 ] && break; sleep 0.1; done
munge -n | unmunge >/dev/null

install -d -o slurm -g slurm -m 0755 /var/lib/slurm /var/lib/slurm/slurmctld /var/log/slurm /run/slurm
install -d -m 0755 /var/lib/slurm/slurmd /etc/slurm

cat > /etc/slurm/slurm.conf <<CONF
# Written by Fairshift's .ci/slurm/start.sh: a single-node cluster for tests and the README walkthrough.
ClusterName=fairshift
SlurmctldHost=${node}
SlurmUser=slurm
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=/var/lib/slurm/slurmctld
SlurmdSpoolDir=/var/lib/slurm/slurmd
SlurmctldPidFile=/run/slurm/slurmctld.pid
SlurmdPidFile=/run/slurm/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ReturnToService=2
MpiDefault=none
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
# Fairshift holds opted-in jobs at submission (job_submit.lua next to this file).
JobSubmitPlugins=lua
SchedulerType=sched/backfill
# Re-evaluate often so a StartTime or a release is honoured within a few seconds.
SchedulerParameters=bf_interval=2,sched_interval=2,sched_min_interval=1000000,batch_sched_delay=1,bf_resolution=60
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
# Jobs only sleep in the tests: the node advertises ${cpus} CPUs whatever the host has.
SlurmdParameters=config_overrides
# Two stand-in GPUs (device files /dev/null and /dev/zero) so that GPU requests (--gres=gpu:N) can be submitted and mapped; nothing uses them.
GresTypes=gpu
MinJobAge=86400
KillWait=5
InactiveLimit=0
Waittime=0
NodeName=${node} CPUs=${cpus} Boards=1 SocketsPerBoard=1 CoresPerSocket=${cpus} ThreadsPerCore=1 RealMemory=${mem_mb} Gres=gpu:2 State=UNKNOWN
# Two partitions on the one node, each capped at half its CPUs: two hubs that do not share capacity.
PartitionName=north Nodes=${node} MaxCPUsPerNode=${half} Default=YES MaxTime=INFINITE State=UP
PartitionName=south Nodes=${node} MaxCPUsPerNode=${half} MaxTime=INFINITE State=UP
CONF

cat > /etc/slurm/gres.conf <<CONF
NodeName=${node} Name=gpu File=/dev/null
NodeName=${node} Name=gpu File=/dev/zero
CONF

# The job_submit/lua plugin reads job_submit.lua from the directory of slurm.conf.
install -m 0644 "$repo/integrations/slurm/src/main/lua/job_submit.lua" /etc/slurm/job_submit.lua


/usr/sbin/slurmctld -i
/usr/sbin/slurmd
ready=0
for _ in $(seq 1 150); do
  state="$(sinfo -h -n "$node" -o '%T' 2>/dev/null | head -n 1 || true)"
  case "$state" in
    idle|mixed|allocated) ready=1; break ;;
    drained|draining|down|inval) scontrol update NodeName="$node" State=RESUME >/dev/null 2>&1 || true ;;
  esac
  sleep 0.2
done
sinfo
if [ "$ready" != 1 ]; then
  echo "Node $node did not become ready (state: ${state:-unknown}). See /var/log/slurm/slurmctld.log and slurmd.log." >&2
  exit 1
fi
echo "Slurm $(sinfo --version | awk '{print $2}') is up on ${node}: partitions north and south, ${half} CPUs each."
