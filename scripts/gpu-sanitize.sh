#!/usr/bin/env bash
# On the GPU machine: runs compute-sanitizer's memcheck, racecheck, initcheck and synccheck over the
# quantizer verification cases of each CUDA backend and fails unless every tool reports 0 errors.
#   bash scripts/gpu-sanitize.sh [CASES]        (default 200 cases per quantizer; the tools slow kernels down a lot)
set -uo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
cases=${1:-200}
out=${OUT:-/tmp}
status=0
for backend in int8-cuda fp4-cuda; do
  for tool in memcheck racecheck initcheck synccheck; do
    log="$out/sanitizer-$backend-$tool.txt"
    compute-sanitizer --tool "$tool" --error-exitcode 99 \
      bash "$root/scripts/gpu-run.sh" verify --backend "$backend" --cases "$cases" --skip-conversions > "$log" 2>&1
    rc=$?
    summary=$(grep -E "ERROR SUMMARY|RACECHECK SUMMARY" "$log" | tail -1)
    printf '%-10s %-10s exit %-3s %s\n' "$backend" "$tool" "$rc" "${summary:-no summary line (see $log)}"
    if [[ $rc -ne 0 ]] || ! grep -qE "(ERROR|RACECHECK) SUMMARY: 0 (errors|hazards)" "$log"; then
      status=1
    fi
  done
done
exit $status
