#!/usr/bin/env bash
# Fuzzes the package loader and the expression language with libFuzzer, and keeps what crashes.
#
#   scripts/fuzz.sh [packages|expressions|all] [SECONDS] [extra libFuzzer flags…]
#   scripts/fuzz.sh packages 600 -jobs=2 -workers=2     two processes, ten minutes
#   scripts/fuzz.sh all 300                              each fuzzer for five minutes, one after the other
#   scripts/fuzz.sh --reproduce packages FILE            run one input (a kept regression, an artifact)
#
# The fuzzers (default: all, 60 seconds each):
#   packages     Fuzz/PackageFuzzer: PackageFile.decode of the bytes; what loads is saved and
#                reloaded (equal package, same bytes) and validated by the runtime with the stock
#                components. Invariants: Tests/SluiceRuntimeTests/PackageFuzzCheck.swift.
#                Seeds: examples/*.sluice.json, Fuzz/PackageFuzzer/corpus/, the kept regressions.
#   expressions  Fuzz/ExpressionFuzzer: parse, compile, evaluate of SSIS expressions.
#                Seeds: Fuzz/ExpressionFuzzer/corpus/, the kept regressions.
#
# Every input libFuzzer saves (crash-*, timeout-*, oom-*, leak-*) is COPIED into
# Tests/Regressions/<fuzzer>/, where the test suites replay it with no fuzzer involved
# (PackageFuzzRegressionTests, ExpressionFuzzRegressionTests): each must load or fail with a
# coded error, never crash. Commit those files with the fix. The script exits non-zero when a
# fuzzer found something.
#
# Builds with swiftc directly (no Package.swift product): the modules a fuzzer needs, instrumented
# with -sanitize=fuzzer and, when the toolchain can link it, address, into .build-fuzz/ (module
# objects shared by both fuzzers, each rebuilt only when its sources or flags change, from a copy
# of the sources so edits made meanwhile cannot break the build). Each fuzzer's corpus and
# artifacts are in .build-fuzz/<fuzzer>/. libFuzzer's own files (fuzz-N.log with -jobs) go there.
#
# Needs: the Swift 6 toolchain (swiftc; Linux), clang's libFuzzer and ASan runtimes
# (libclang_rt.fuzzer-<arch>.a, libclang_rt.asan-<arch>.a) in <toolchain>/usr/lib/swift/clang/lib/linux
# (swift.org's toolchains ship them; when missing, Debian's libclang-rt-<N>-dev is installed with
# apt-get and linked there), and libsqlite3-dev for the package fuzzer (scripts/setup.sh).
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
REPRODUCE=""
WHICH="all"
SECONDS_TO_RUN=60
if [ "${1:-}" = "--reproduce" ]; then
    WHICH="${2:?--reproduce needs packages or expressions, then a file}"
    REPRODUCE="$(readlink -f "${3:?--reproduce needs a file}")"
    shift 3
else
    case "${1:-}" in packages|expressions|all) WHICH="$1"; shift ;; esac
    if [[ "${1:-}" =~ ^[0-9]+$ ]]; then SECONDS_TO_RUN="$1"; shift; fi
fi
case "$WHICH" in
    packages) FUZZERS=(packages) ;;
    expressions) FUZZERS=(expressions) ;;
    all) [ -z "$REPRODUCE" ] || { echo "--reproduce takes packages or expressions" >&2; exit 2; }; FUZZERS=(packages expressions) ;;
    *) echo "unknown fuzzer $WHICH: packages, expressions or all" >&2; exit 2 ;;
esac

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

# --- what each fuzzer is made of --------------------------------------------------------------
modules_of() {  # the Swift modules a fuzzer links, in dependency order
    case "$1" in
        packages) echo SluiceCore SluiceExpressions SluiceRegistry SluiceCBoundary SluicePluginHost SluiceRuntime SluiceComponents ;;
        expressions) echo SluiceCore SluiceExpressions ;;
    esac
}
harness_of() {  # the harness sources: the entry point, and for packages the invariants the tests share
    case "$1" in
        packages) echo "Fuzz/PackageFuzzer/PackageFuzzer.swift Tests/SluiceRuntimeTests/PackageFuzzCheck.swift" ;;
        expressions) echo "Fuzz/ExpressionFuzzer/ExpressionFuzzer.swift" ;;
    esac
}
seeds_of() {  # directories and files whose contents seed the corpus
    case "$1" in
        packages) echo "examples Fuzz/PackageFuzzer/corpus Tests/Regressions/packages" ;;
        expressions) echo "Fuzz/ExpressionFuzzer/corpus Tests/Regressions/expressions" ;;
    esac
}
dictionary_of() {
    case "$1" in
        packages) echo "Fuzz/PackageFuzzer/package.dict" ;;
        expressions) echo "Fuzz/ExpressionFuzzer/ssis.dict" ;;
    esac
}
binary_of() { echo "$OUT/$1/$1-fuzzer"; }

# --- build ------------------------------------------------------------------------------------
# Sources are copied once per invocation; each module object is rebuilt when its sources, the
# flags or a dependency changed (a stamp beside it).
rm -rf "$OUT/src" && mkdir -p "$OUT/src" "$OUT/modules" "$OUT/cmodules/CSluiceABI" "$OUT/cmodules/CSluiceProcess"
cp -R Sources/SluiceCore Sources/SluiceExpressions Sources/SluiceRegistry Sources/SluicePluginHost Sources/SluiceRuntime \
    Sources/SluiceComponents Sources/CSQLite Sources/CSluiceProcess "$OUT/src/"
cp -R SDK/Boundary "$OUT/src/SluiceCBoundary"
mkdir -p "$OUT/src/SDK" && cp -R SDK/include "$OUT/src/SDK/"
mkdir -p "$OUT/src/harness" && cp Fuzz/PackageFuzzer/*.swift Fuzz/ExpressionFuzzer/*.swift Tests/SluiceRuntimeTests/PackageFuzzCheck.swift "$OUT/src/harness/"
cat >"$OUT/cmodules/CSluiceABI/module.modulemap" <<MODULEMAP
module CSluiceABI {
    umbrella "$OUT/src/SDK/include"
    export *
}
MODULEMAP
# The C shim Execute Process spawns children with (a SwiftPM C target): a module map for Swift
# and an object for the linker.
cat >"$OUT/cmodules/CSluiceProcess/module.modulemap" <<MODULEMAP
module CSluiceProcess {
    header "$OUT/src/CSluiceProcess/include/CSluiceProcess.h"
    export *
}
MODULEMAP

build_c_shim() {  # CSluiceProcess.o, rebuilt when its sources change
    local stamp
    stamp="$(cat "$OUT"/src/CSluiceProcess/spawn.c "$OUT"/src/CSluiceProcess/include/*.h | sha256sum)"
    if [ -f "$OUT/modules/CSluiceProcess.o" ] && [ "$(cat "$OUT/modules/CSluiceProcess.stamp" 2>/dev/null)" = "$stamp" ]; then return; fi
    echo "  compiling CSluiceProcess" >&2
    cc -O2 -fPIC -I "$OUT/src/CSluiceProcess/include" -c "$OUT/src/CSluiceProcess/spawn.c" -o "$OUT/modules/CSluiceProcess.o" >&2 || return 1
    echo "$stamp" >"$OUT/modules/CSluiceProcess.stamp"
}

flags() {  # the swiftc flags shared by every step, for sanitizers $1
    echo -swift-version 6 -package-name sluice -enable-upcoming-feature ExistentialAny "$OPT" -g "-sanitize=$1" -parse-as-library \
        -I "$OUT/modules" -I "$OUT/cmodules/CSluiceABI" -I "$OUT/cmodules/CSluiceProcess" -I "$OUT/src/CSQLite"
}

build_module() {  # build_module NAME SANITIZERS DEPENDENCY_STAMPS: NAME.o and NAME.swiftmodule in $OUT/modules
    local module="$1" sanitizers="$2" deps="$3" stamp
    stamp="$( (swiftc --version 2>&1; flags "$sanitizers"; echo "$deps"; find "$OUT/src/$module" -type f | sort | xargs cat) | sha256sum)"
    if [ -f "$OUT/modules/$module.o" ] && [ "$(cat "$OUT/modules/$module.stamp" 2>/dev/null)" = "$stamp" ]; then
        echo "$stamp"
        return
    fi
    echo "  compiling $module" >&2
    rm -f "$OUT/modules/$module.stamp"
    local files=() f
    while IFS= read -r f; do files+=("$f"); done < <(find "$OUT/src/$module" -name '*.swift' | sort)
    # shellcheck disable=SC2046
    swiftc $(flags "$sanitizers") -module-name "$module" -wmo \
        -emit-module -emit-module-path "$OUT/modules/$module.swiftmodule" \
        -c "${files[@]}" -o "$OUT/modules/$module.o" >&2 || return 1
    echo "$stamp" >"$OUT/modules/$module.stamp"
    echo "$stamp"
}

build_fuzzer() {  # build_fuzzer NAME SANITIZERS
    local name="$1" sanitizers="$2" deps="" objects=() module harness=() f
    # (Called from an `if`, where errexit is off: every step says `|| return 1` itself.)
    local built
    for module in $(modules_of "$name"); do
        built="$(build_module "$module" "$sanitizers" "$deps")" || return 1
        deps="$deps $built"
        objects+=("$OUT/modules/$module.o")
    done
    for f in $(harness_of "$name"); do harness+=("$OUT/src/harness/$(basename "$f")"); done
    local stamp
    stamp="$( (echo "$deps"; cat "${harness[@]}") | sha256sum)"
    if [ -x "$(binary_of "$name")" ] && [ "$(cat "$OUT/$name/stamp" 2>/dev/null)" = "$stamp" ]; then return; fi
    echo "  linking $(binary_of "$name")" >&2
    mkdir -p "$OUT/$name"
    rm -f "$OUT/$name/stamp"
    local libraries=()
    if [ "$name" = packages ]; then
        build_c_shim || return 1
        libraries=("$OUT/modules/CSluiceProcess.o" -lsqlite3)
    fi
    # shellcheck disable=SC2046
    swiftc $(flags "$sanitizers") -module-name "$(basename "${harness[0]}" .swift)" \
        "${harness[@]}" "${objects[@]}" "${libraries[@]}" -o "$(binary_of "$name")" || return 1
    echo "$stamp" >"$OUT/$name/stamp"
}

for name in "${FUZZERS[@]}"; do
    echo "Building the $name fuzzer ($OPT, -sanitize=$SANITIZERS)" >&2
    if ! build_fuzzer "$name" "$SANITIZERS" 2>"$OUT/build-$name.log"; then
        [ "$SANITIZERS" != fuzzer ] || { cat "$OUT/build-$name.log" >&2; exit 1; }
        echo "Build with -sanitize=$SANITIZERS failed (see $OUT/build-$name.log); retrying with -sanitize=fuzzer alone" >&2
        SANITIZERS=fuzzer
        build_fuzzer "$name" fuzzer 2>"$OUT/build-$name.log" || { cat "$OUT/build-$name.log" >&2; exit 1; }
    fi
done

# Leaks are not these harnesses' concern; stack overflows and heap errors are.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1:symbolize=1}"

if [ -n "$REPRODUCE" ]; then
    exec "$(binary_of "$WHICH")" "$@" "$REPRODUCE"
fi

# --- run --------------------------------------------------------------------------------------
found=0
for name in "${FUZZERS[@]}"; do
    dir="$OUT/$name"
    kept="$ROOT/Tests/Regressions/$name"
    mkdir -p "$dir/corpus" "$dir/artifacts" "$kept"
    for seed in $(seeds_of "$name"); do
        if [ -d "$seed" ]; then
            find "$seed" -maxdepth 1 -type f ! -name '*.md' -exec cp -n {} "$dir/corpus/" \; 2>/dev/null || true
        fi
    done
    before="$(ls "$dir/artifacts" | sort)"
    echo "Fuzzing $name for ${SECONDS_TO_RUN}s (-sanitize=$SANITIZERS); corpus $dir/corpus, artifacts $dir/artifacts/" >&2
    status=0
    (cd "$dir" && "$(binary_of "$name")" \
        -max_total_time="$SECONDS_TO_RUN" \
        -timeout=10 \
        -rss_limit_mb=4096 \
        -max_len=16384 \
        -dict="$ROOT/$(dictionary_of "$name")" \
        -artifact_prefix="$dir/artifacts/" \
        -print_final_stats=1 \
        "$@" \
        corpus) || status=$?
    # Every new artifact becomes a regression input the tests replay.
    new="$(comm -13 <(echo "$before") <(ls "$dir/artifacts" | sort) | grep -E '^(crash|timeout|oom|leak)-' || true)"
    for artifact in $new; do
        cp "$dir/artifacts/$artifact" "$kept/$artifact"
        echo "Kept $name input: Tests/Regressions/$name/$artifact" >&2
        found=1
    done
    if [ "$status" -ne 0 ] && [ -z "$new" ]; then
        echo "The $name fuzzer exited with $status and saved no input" >&2
        found=1
    fi
done
exit "$found"
}
