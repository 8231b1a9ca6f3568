#!/usr/bin/env bash
# Compiles every src/main/cuda/*.cu of a CUDA module into a fatbin for the module's targets
# (src/main/cuda/targets.txt), with the file's extra flags (src/main/cuda/<name>.flags), into
# <out>/cuda/<module>/, and writes build-info.properties (nvcc version, targets, flags, source hash)
# and ptxas.txt (registers, spills) beside them. Called by Maven in generate-resources.
# Without nvcc it writes nothing and says so: the module's backend then reports "no kernels built".
set -euo pipefail

module_dir=$(cd "$1" && pwd)
out_root=$2
module=$(basename "$module_dir")
src="$module_dir/src/main/cuda"
include="$(cd "$(dirname "$0")/.." && pwd)/cuda/include"
out="$out_root/cuda/$module"

if [ "${SAGE4J_SKIP_CUDA:-}" = "1" ]; then
  echo "[sage4j] SAGE4J_SKIP_CUDA=1: no fatbins for $module"
  exit 0
fi
if ! command -v nvcc >/dev/null 2>&1; then
  echo "[sage4j] nvcc not found on PATH: no fatbins for $module (its backend will report 'no kernels built')"
  exit 0
fi

gencode=()
targets=()
while read -r t; do
  case "$t" in ''|\#*) continue ;; esac
  targets+=("sm_$t")
  gencode+=("-gencode" "arch=compute_$t,code=sm_$t")
done < "$src/targets.txt"

hash=$(cat "$src"/*.cu "$include"/*.cuh "$src/targets.txt" $(ls "$src"/*.flags 2>/dev/null) | sha256sum | cut -c1-16)
if [ -f "$out/build-info.properties" ] && grep -q "^source.sha256=$hash$" "$out/build-info.properties"; then
  echo "[sage4j] fatbins for $module are up to date ($hash)"
  exit 0
fi

mkdir -p "$out"
rm -f "$out"/*.fatbin "$out/ptxas.txt"
common=(-fatbin -O3 -std=c++17 -lineinfo -Xptxas -v -I "$include")
{
  echo "# nvcc build of $module's kernels"
  echo "nvcc.version=$(nvcc --version | tail -1)"
  echo "targets=${targets[*]}"
  echo "common.flags=${common[*]/$include/cuda/include}"
  echo "source.sha256=$hash"
} > "$out/build-info.properties.tmp"

for cu in "$src"/*.cu; do
  name=$(basename "$cu" .cu)
  extra=()
  if [ -f "$src/$name.flags" ]; then
    while read -r f; do
      case "$f" in ''|\#*) continue ;; esac
      extra+=($f)
    done < "$src/$name.flags"
  fi
  echo "[sage4j] nvcc $name.cu -> $module/$name.fatbin (${targets[*]}) ${extra[*]}"
  nvcc "${common[@]}" "${extra[@]}" "${gencode[@]}" -o "$out/$name.fatbin" "$cu" 2> "$out/$name.ptxas.tmp" || {
    cat "$out/$name.ptxas.tmp" >&2
    exit 1
  }
  { echo "== $name.cu"; cat "$out/$name.ptxas.tmp"; } >> "$out/ptxas.txt"
  rm -f "$out/$name.ptxas.tmp"
  echo "kernel.$name.flags=${extra[*]}" >> "$out/build-info.properties.tmp"
done
mv "$out/build-info.properties.tmp" "$out/build-info.properties"
if grep -E "[1-9][0-9]* bytes spill" "$out/ptxas.txt" >/dev/null; then
  echo "[sage4j] WARNING: ptxas reports spills in $module (see $out/ptxas.txt)"
fi
