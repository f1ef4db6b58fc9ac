#!/usr/bin/env bash
# Holds the running catalog server to its document: schemathesis (from PyPI, in a venv under
# .build-schemathesis/) generates requests from openapi/catalog.yaml - valid and invalid, with
# the administrator's token - against a real `sluice serve` on loopback over a fresh SQLite
# catalog, and fails on any server error (5xx) or any answer the document does not allow
# (status, content type, headers, body schema). Run by scripts/test.sh after the test suite.
#   scripts/check-catalog-api.sh [SLUICE_BINARY]   (default .build/debug/sluice)
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-$PWD/.build/debug/sluice}"
venv=.build-schemathesis/venv
if [ ! -x "$venv/bin/schemathesis" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "schemathesis==4.32.5"
fi
work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
token="slc_schemathesis-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
SLUICE_ADMIN_TOKEN="$token" "$binary" serve --catalog "$work/catalog.db" --port 0 >"$work/server.log" 2>&1 &
server_pid=$!
base=""
for _ in $(seq 1 200); do
    base="$(grep -o -m1 -E 'listening on https?://[^ /]+' "$work/server.log" | sed 's/listening on //' || true)"
    [ -n "$base" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; echo "sluice serve exited" >&2; exit 1; }
    sleep 0.05
done
[ -n "$base" ] || { cat "$work/server.log" >&2; echo "sluice serve did not report its address" >&2; exit 1; }
echo "schemathesis against $base (budget ${SLUICE_SCHEMATHESIS_SECONDS:-180} s)"
# Objects for the operations that need them, so schemathesis reaches past 404.
auth=(-H "Authorization: Bearer $token")
curl -fsS "${auth[@]}" -H 'Content-Type: application/json' -d '{"name":"Finance"}' "$base/api/v1/folders" >/dev/null
status=0
# Left out, and why:
# - positive_data_acceptance: a list's `after` is an opaque cursor; a string the server never
#   issued is malformed (400, documented) even when it fits the Cursor schema's alphabet.
# - deployProject: schemathesis cannot make application/zip bodies; the Swift suite deploys real
#   and hostile archives (SluiceCatalogServerTests).
# - getOpenAPIDocument: the YAML answer is read as YAML and held to `type: string`;
#   OpenAPIDocumentTests checks it is the repository's document byte for byte.
"$venv/bin/schemathesis" run openapi/catalog.yaml --url "$base" "${auth[@]}" \
    --checks all --exclude-checks positive_data_acceptance \
    --exclude-operation-id deployProject --exclude-operation-id getOpenAPIDocument \
    --max-time "${SLUICE_SCHEMATHESIS_SECONDS:-180}" --workers 2 \
    --suppress-health-check all --no-color || status=$?
if grep -q -E "panic|Fatal error|fatalError" "$work/server.log"; then
    echo "the server crashed:" >&2; grep -E "panic|Fatal error" "$work/server.log" >&2; status=1
fi
kill -0 "$server_pid" 2>/dev/null || { echo "the server died during the run" >&2; status=1; }
exit $status
