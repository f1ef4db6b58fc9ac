#!/usr/bin/env bash
# Fuzzes the SSIS expression language (SluiceExpressions) with libFuzzer.
#
#   scripts/fuzz-expressions.sh [SECONDS] [extra libFuzzer flags…]   fuzz for SECONDS (default 60)
#   scripts/fuzz-expressions.sh 600 -jobs=2 -workers=2                 two processes, ten minutes
#   scripts/fuzz-expressions.sh --reproduce .build-fuzz/artifacts/crash-…   run one saved input
#
# Builds Fuzz/ExpressionFuzzer/ExpressionFuzzer.swift with SluiceCore and SluiceExpressions into
# .build-fuzz/ using swiftc directly (no Package.swift product is needed), instrumented with
# `-sanitize=fuzzer` and, when the toolchain can link it, `-sanitize=address`; then runs it for
# SECONDS (libFuzzer's -max_total_time) from the seed corpus Fuzz/ExpressionFuzzer/corpus/ with
# the dictionary Fuzz/ExpressionFuzzer/ssis.dict. The seeds are copied into .build-fuzz/corpus/,
# where libFuzzer adds what it finds, so the checked-in corpus stays small. A crash, a broken
# invariant (the harness aborts), a slow input (-timeout) or an allocation past -rss_limit_mb is
# saved under .build-fuzz/artifacts/ and the script exits non-zero.
#
# Needs: the Swift 6 toolchain (swiftc; Linux) and clang's libFuzzer and ASan runtimes
# (libclang_rt.fuzzer-<arch>.a, libclang_rt.asan-<arch>.a) where swiftc looks for them,
# <toolchain>/usr/lib/swift/clang/lib/linux. swift.org's Linux toolchains ship them; when they are
# missing, the script installs Debian's libclang-rt-<N>-dev with apt-get (N = the toolchain's
# clang major version when Debian has it, else the newest one apt offers, such as
# libclang-rt-14-dev or libclang-rt-19-dev) and links its runtimes into that directory. Without
# an ASan runtime it fuzzes with -sanitize=fuzzer alone (Swift's own checks still trap on
# overflow, out-of-bounds and nil; ASan adds stack-overflow and heap-error reports).
#
# The binary is rebuilt only when the sources or the flags change (a stamp in .build-fuzz/), from
# a copy of the sources, so edits made meanwhile cannot break the build. libFuzzer's own files
# (fuzz-N.log with -jobs) go to .build-fuzz/ as well.
#
# Environment: FUZZ_OPT (default -O; -Onone for easier debugging), FUZZ_SANITIZERS (default
# fuzzer,address; set to fuzzer to skip ASan), FUZZ_DIR (default .build-fuzz).
set -euo pipefail
{  # Bash reads the whole block before running it: editing this file during a run is safe.
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

mkdir -p "${FUZZ_DIR:-.build-fuzz}"
OUT="$(cd "${FUZZ_DIR:-.build-fuzz}" && pwd)"
OPT="${FUZZ_OPT:--O}"
SANITIZERS="${FUZZ_SANITIZERS:-fuzzer,address}"
HARNESS="$ROOT/Fuzz/ExpressionFuzzer"
REPRODUCE=""
SECONDS_TO_RUN=60
if [ "${1:-}" = "--reproduce" ]; then
    REPRODUCE="$(readlink -f "${2:?--reproduce needs a file}")"
    shift 2
elif [[ "${1:-}" =~ ^[0-9]+$ ]]; then
    SECONDS_TO_RUN="$1"
    shift
fi

command -v swiftc >/dev/null 2>&1 || { echo "swiftc not found: install the Swift 6 toolchain first" >&2; exit 1; }

# --- clang runtimes: libFuzzer (required) and ASan (optional) -------------------------------
# swiftc -sanitize=… links the runtimes from its own resource directory, lib/swift/clang/lib/linux.
SWIFT_ROOT="$(dirname "$(dirname "$(readlink -f "$(command -v swiftc)")")")"
SWIFT_RT="$SWIFT_ROOT/lib/swift/clang/lib/linux"
ARCH="$(uname -m)"
if [ ! -f "$SWIFT_RT/libclang_rt.fuzzer-$ARCH.a" ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    # The clang the toolchain was built with (lib/clang/<major>), else the newest Debian has.
    major="$(ls "$SWIFT_ROOT/lib/clang" 2>/dev/null | sed 's/\..*//' | sort -n | tail -n1)"
    $SUDO apt-get update -qq
    pkg=""
    if [ -n "$major" ] && apt-cache show "libclang-rt-$major-dev" >/dev/null 2>&1; then pkg="libclang-rt-$major-dev"; fi
    [ -n "$pkg" ] || pkg="$(apt-cache search --names-only '^libclang-rt-[0-9]+-dev$' | sed 's/ .*//' | sort -V | tail -n1)"
    [ -n "$pkg" ] || { echo "no libclang-rt-*-dev package found: cannot get libFuzzer" >&2; exit 1; }
    echo "Installing $pkg (clang's libFuzzer and sanitizer runtimes) for swiftc -sanitize=fuzzer" >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$pkg" >/dev/null
    version="${pkg#libclang-rt-}"; version="${version%-dev}"
    found="$(ls /usr/lib/llvm-"$version"/lib/clang/*/lib/linux/libclang_rt.fuzzer-"$ARCH".a 2>/dev/null | head -n1)"
    [ -n "$found" ] || { echo "$pkg installed but no libclang_rt.fuzzer-$ARCH.a found" >&2; exit 1; }
    # Give swiftc the Debian runtimes where it looks for them (missing files only).
    $SUDO mkdir -p "$SWIFT_RT"
    for f in "$(dirname "$found")"/libclang_rt.*; do
        [ -e "$SWIFT_RT/$(basename "$f")" ] || $SUDO ln -s "$f" "$SWIFT_RT/"
    done
fi
if [ ! -f "$SWIFT_RT/libclang_rt.asan-$ARCH.a" ] && [ -z "${FUZZ_SANITIZERS:-}" ]; then
    echo "No ASan runtime in $SWIFT_RT: fuzzing with -sanitize=fuzzer alone" >&2
    SANITIZERS=fuzzer
fi

# --- build ------------------------------------------------------------------------------------
mkdir -p "$OUT/modules" "$OUT/artifacts" "$OUT/corpus"
rm -rf "$OUT/src" && mkdir -p "$OUT/src"
cp -R Sources/SluiceCore Sources/SluiceExpressions "$OUT/src/"
cp "$HARNESS/ExpressionFuzzer.swift" "$OUT/src/"
stamp="$( (swiftc --version 2>&1; echo "$OPT $SANITIZERS"; find "$OUT/src" -type f -name '*.swift' | sort | xargs cat) | sha256sum)"

build() {  # build SANITIZERS: compiles the two modules and links the fuzzer with them
    local common=(-swift-version 6 -package-name sluice -enable-upcoming-feature ExistentialAny "$OPT" -g
        "-sanitize=$1" -parse-as-library)
    local module f
    for module in SluiceCore SluiceExpressions; do
        local files=()
        while IFS= read -r f; do files+=("$f"); done < <(find "$OUT/src/$module" -name '*.swift' | sort)
        swiftc "${common[@]}" -module-name "$module" -I "$OUT/modules" -wmo \
            -emit-module -emit-module-path "$OUT/modules/$module.swiftmodule" \
            -c "${files[@]}" -o "$OUT/$module.o"
    done
    swiftc "${common[@]}" -module-name ExpressionFuzzer -I "$OUT/modules" \
        "$OUT/src/ExpressionFuzzer.swift" "$OUT/SluiceCore.o" "$OUT/SluiceExpressions.o" \
        -o "$OUT/expression-fuzzer"
}

if [ -x "$OUT/expression-fuzzer" ] && [ "$(cat "$OUT/stamp" 2>/dev/null)" = "$stamp" ]; then
    SANITIZERS="$(cat "$OUT/sanitizers")"
    echo "Using $OUT/expression-fuzzer (sources unchanged; -sanitize=$SANITIZERS)" >&2
else
    echo "Building $OUT/expression-fuzzer ($OPT, -sanitize=$SANITIZERS)" >&2
    rm -f "$OUT/stamp"
    if ! build "$SANITIZERS" 2>"$OUT/build.log"; then
        [ "$SANITIZERS" != fuzzer ] || { cat "$OUT/build.log" >&2; exit 1; }
        echo "Build with -sanitize=$SANITIZERS failed (see $OUT/build.log); retrying with -sanitize=fuzzer alone" >&2
        SANITIZERS=fuzzer
        build fuzzer 2>"$OUT/build.log" || { cat "$OUT/build.log" >&2; exit 1; }
    fi
    echo "$SANITIZERS" >"$OUT/sanitizers"
    echo "$stamp" >"$OUT/stamp"
fi

# Leaks are not this harness's concern; stack overflows and heap errors are.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1:symbolize=1}"

if [ -n "$REPRODUCE" ]; then
    exec "$OUT/expression-fuzzer" "$@" "$REPRODUCE"
fi

# --- run --------------------------------------------------------------------------------------
cp -n "$HARNESS"/corpus/* "$OUT/corpus/" 2>/dev/null || true
echo "Fuzzing for ${SECONDS_TO_RUN}s (-sanitize=$SANITIZERS); corpus $OUT/corpus, artifacts $OUT/artifacts/" >&2
cd "$OUT"
./expression-fuzzer \
    -max_total_time="$SECONDS_TO_RUN" \
    -timeout=10 \
    -rss_limit_mb=4096 \
    -max_len=4096 \
    -dict="$HARNESS/ssis.dict" \
    -artifact_prefix="$OUT/artifacts/" \
    -print_final_stats=1 \
    "$@" \
    corpus
exit
}
