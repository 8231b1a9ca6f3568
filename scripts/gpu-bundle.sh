#!/usr/bin/env bash
# Prepares a GPU run: builds the sage4j jar (with the CUDA fatbins) and a small Java 25 runtime made with
# jlink (the GPU machine has no Java), and lays both into .gpu/ (git-ignored), which the device call
# carries: run(command="bash scripts/gpu-run.sh verify --backend int8-cuda", carry=[".gpu"]).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
JAVA_HOME=$("$root/scripts/find-java25.sh")
export JAVA_HOME
cd "$root"
if ! command -v nvcc >/dev/null; then
  echo "gpu-bundle: nvcc is not on PATH, so the jar would hold no kernels" >&2
  exit 1
fi
./mvnw -q -B -ntp -DskipTests install
mkdir -p .gpu
if [[ ! -x .gpu/jre/bin/java ]] || [[ "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)" != "$(cat .gpu/jre.version 2>/dev/null)" ]]; then
  rm -rf .gpu/jre
  # java.base etc.; jdk.unsupported for JavaCPP; jdk.incubator.vector for the CPU backends.
  "$JAVA_HOME/bin/jlink" --add-modules java.base,java.logging,java.management,jdk.unsupported,jdk.incubator.vector \
    --strip-debug --no-header-files --no-man-pages --compress=zip-9 --output .gpu/jre
  "$JAVA_HOME/bin/java" -version 2>&1 | head -1 > .gpu/jre.version
fi
cp reports/target/sage4j.jar .gpu/sage4j.jar
git rev-parse --short HEAD > .gpu/commit 2>/dev/null || true
du -sh .gpu/jre .gpu/sage4j.jar
