#!/usr/bin/env bash
# Times `sluice plugins list` with many plugin libraries: cold (no plugin cache: every library
# is scanned in a child `sluice plugins scan-one`) against warm (every verdict from the cache,
# no child started, no library opened), and against no plugin directory at all (the floor).
#
#   scripts/discovery-bench.sh [SLUICE]        # default: .build/debug/sluice (swift build first)
#
# Builds DISCOVERY_LIBRARIES (50) small C plugins, each with its own task, with `cc` from the
# public header, then runs DISCOVERY_RUNS (10) of each case round-robin and prints the median,
# min and max in milliseconds.
set -euo pipefail
cd "$(dirname "$0")/.."

sluice=$(realpath "${1:-.build/debug/sluice}")
count=${DISCOVERY_LIBRARIES:-50}
runs=${DISCOVERY_RUNS:-10}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/plugins"

for i in $(seq 1 "$count"); do
    cat >"$scratch/p$i.c" <<C
#include <sluice/sluice.h>
static sluice_status create(const sluice_component_def *d, const sluice_host_api *h, void **out, sluice_error *e) {
    static char token; (void)d, (void)h, (void)e; *out = &token; return SLUICE_OK;
}
static void destroy(void *instance) { (void)instance; }
static sluice_status execute(void *i, sluice_context *c, sluice_value *o, sluice_error *e) {
    (void)i, (void)c, (void)o, (void)e; return SLUICE_OK;
}
static const sluice_task_vtable vtable = {.struct_size = sizeof vtable, .create = create, .destroy = destroy, .execute = execute};
static const sluice_component_def components[] = {
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_TASK, .id = "bench.p$i.task",
     .display_name = "Task $i", .description = "", .version = "1.0.0", .vtable = &vtable},
};
static const sluice_plugin_descriptor descriptor = {
    .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR, .struct_size = sizeof descriptor,
    .component_count = 1, .name = "bench.p$i", .version = "1.0.0", .components = components,
};
SLUICE_PLUGIN_DEFINE(descriptor)
C
    cc -std=c11 -shared -fPIC -fvisibility=hidden -O1 -I SDK/include -o "$scratch/plugins/libbench$i.so" "$scratch/p$i.c" &
    if (( i % 8 == 0 )); then wait; fi
done
wait

export SLUICE_DEFAULT_PLUGIN_DIR=none SLUICE_PLUGIN_PATH="$scratch/plugins" SLUICE_PLUGIN_CACHE="$scratch/cache.json"
listed=$("$sluice" plugins list | grep -c '^bench\.' || true)
[ "$listed" = "$count" ] || { echo "expected $count plugin components, listed $listed" >&2; exit 1; }

time_one() {  # $1: cold|warm|none (no plugin directory at all: the floor)
    local t0 t1 path=$SLUICE_PLUGIN_PATH
    [ "$1" = cold ] && rm -f "$SLUICE_PLUGIN_CACHE"
    [ "$1" = none ] && path=
    t0=${EPOCHREALTIME//[.,]/}
    SLUICE_PLUGIN_PATH=$path "$sluice" plugins list >/dev/null 2>&1
    t1=${EPOCHREALTIME//[.,]/}
    echo $((t1 - t0)) >>"$scratch/times.$1"
}
for _ in $(seq "$runs"); do time_one cold; time_one warm; time_one none; done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $count libraries; $runs runs each"
for case in cold warm none; do
    sort -n "$scratch/times.$case" | awk -v c="$case" '{ t[NR] = $1 } END {
        printf "%-5s median %7.1f ms   min %7.1f   max %7.1f\n", c, t[int((NR + 1) / 2)] / 1000, t[1] / 1000, t[NR] / 1000 }'
done
