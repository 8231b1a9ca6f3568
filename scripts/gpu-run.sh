#!/usr/bin/env bash
# Runs sage4j on the GPU machine from the bundle that scripts/gpu-bundle.sh made (.gpu/, carried by the
# device call). Arguments go to sage4j, e.g.: bash scripts/gpu-run.sh verify --backend int8-cuda
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
if [[ ! -x "$root/.gpu/jre/bin/java" || ! -f "$root/.gpu/sage4j.jar" ]]; then
  echo "gpu-run: .gpu/ is missing; run scripts/gpu-bundle.sh here and carry .gpu in the device call" >&2
  exit 1
fi
export LD_LIBRARY_PATH=/usr/local/cuda/lib64:/usr/local/nvidia/lib64${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
exec "$root/.gpu/jre/bin/java" --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -Djava.awt.headless=true -jar "$root/.gpu/sage4j.jar" "$@"
