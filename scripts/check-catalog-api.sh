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
# The document's example names are "Finance" and "Nightly load": schemathesis fills every name
# parameter with them, so both folders exist, each holding a project of both names with
# packages of both names, an environment of both names, and a user.
api() { curl -fsS "${auth[@]}" "$@" >/dev/null; }
project_dir="$work/project"
mkdir -p "$project_dir"
for name in "Finance" "Nightly load"; do
    cat >"$project_dir/$name.sluice.json" <<JSON
{"format": "sluice.package", "formatVersion": 1, "package": {"name": "$name", "id": "$(python3 -c 'import uuid; print(uuid.uuid4())')",
 "executables": [{"name": "Compute", "id": "$(python3 -c 'import uuid; print(uuid.uuid4())')", "type": "task",
   "component": "sluice.expression", "properties": {"expression": "1 + 1"}}]}}
JSON
done
for folder in "Finance" "Nightly load"; do
    encoded="${folder// /%20}"
    api -H 'Content-Type: application/json' -d "{\"name\":\"$folder\"}" "$base/api/v1/folders"
    for project in "Finance" "Nightly load"; do
        cat >"$project_dir/project.sluice.json" <<JSON
{"format": "sluice.project", "formatVersion": 1, "project": {"name": "$project", "id": "$(python3 -c 'import uuid; print(uuid.uuid4())')",
 "packages": ["Finance.sluice.json", "Nightly load.sluice.json"]}}
JSON
        "$binary" project pack "$project_dir" --output "$work/project.sluiceproj" >/dev/null
        api -X PUT -H 'Content-Type: application/zip' --data-binary "@$work/project.sluiceproj" \
            "$base/api/v1/folders/$encoded/projects/${project// /%20}"
        environment_body="{\"name\":\"$project\"}"
        api -H 'Content-Type: application/json' -d "$environment_body" "$base/api/v1/folders/$encoded/environments"
    done
done
api -H 'Content-Type: application/json' -d '{"name":"Finance","password":"a long enough password"}' "$base/api/v1/users"
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
