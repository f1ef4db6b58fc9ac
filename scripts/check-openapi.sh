#!/usr/bin/env bash
# Validates the catalog server's OpenAPI document (openapi/catalog.yaml): first against the
# OpenAPI 3.1 schema (openapi-spec-validator), then against Sluice's own rules for it
# (scripts/check-openapi.py: operation ids, named schemas, problem+json errors, security,
# the Name schema on every name). Exits non-zero on any error. The venv is .build-openapi/venv.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.build-openapi/venv"
document="${1:-$root/openapi/catalog.yaml}"

if ! "$venv/bin/python" -c "import openapi_spec_validator, yaml" >/dev/null 2>&1; then
    echo "Setting up .build-openapi/venv (pip install openapi-spec-validator)" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check openapi-spec-validator pyyaml
fi

"$venv/bin/python" - "$document" <<'PY'
import sys, yaml
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    spec = yaml.safe_load(f)
if spec.get("openapi") != "3.1.0":
    sys.exit(f"{path}: openapi must be 3.1.0, is {spec.get('openapi')!r}")
try:
    validate(spec)  # picks the 3.1 validator from the `openapi` field
except OpenAPIValidationError as error:
    sys.exit(f"{path}: not a valid OpenAPI 3.1 document: {error}")
print(f"{path}: valid OpenAPI {spec['openapi']}")
PY
"$venv/bin/python" "$root/scripts/check-openapi.py" "$document"
