#!/usr/bin/env python3
"""Sluice's own rules for the catalog server's OpenAPI document, beyond the OpenAPI schema.

Run by scripts/check-openapi.sh (which validates against OpenAPI 3.1 first) with the venv's
Python: `check-openapi.py [DOCUMENT]`. Prints every breach and exits 1 when there is one.
The rules are the ones swift-openapi-generator and the server's route table rely on:
- every operation has a unique lowerCamelCase operationId;
- every request and response body is a named component schema (or raw bytes or text);
- no inline object schema, no free-form object, no oneOf/anyOf without a discriminator, no
  sibling of a $ref but description and summary;
- every 4xx/5xx answer is application/problem+json with the Problem schema (HEAD: no body);
- a bearer token on everything but getHealth and login (`security: []` there only), and
  every operation that needs a token documents 401;
- a body documents 413 and 415, path parameters 400, and every operation 500 (or 503);
- every name (path parameter `*Name`, name properties) is the Name schema, every id a UUID;
- the Name pattern accepts and refuses what SSIS's rules say;
- docs/catalog-api.md's permission table lists every operationId exactly once.
"""
import os
import re
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCUMENT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "openapi", "catalog.yaml")
GUIDE = os.path.join(ROOT, "docs", "catalog-api.md")
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
PUBLIC_OPERATIONS = {"getHealth", "login"}
NAME_PROPERTIES = {"folder", "project", "package", "environment", "setBy", "createdBy",
                   "deployedBy", "owner", "variable"}
NAME_REF = "#/components/schemas/Name"
# The operations log records names as a request gave them, refused ones included: only there
# may a name property be plain text.
RECORDED_NAME_REF = "#/components/schemas/RecordedName"
RECORDED_NAME_SCHEMAS = {"ObjectPath"}
PROBLEM_REF = "#/components/schemas/Problem"

errors = []


def fail(where, message):
    errors.append(f"{where}: {message}")


with open(DOCUMENT, encoding="utf-8") as handle:
    spec = yaml.safe_load(handle)
components = spec.get("components", {})
schemas = components.get("schemas", {})


def resolve(node):
    """Follows a local $ref (one level at a time, any depth of chaining)."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 20:
        parts = node["$ref"].lstrip("#/").split("/")
        target = spec
        for part in parts:
            target = target[part]
        node, seen = target, seen + 1
    return node


def is_raw_body_schema(schema):
    return isinstance(schema, dict) and schema.get("type") == "string" and "$ref" not in schema


def check_schema_tree(where, schema, top_level):
    """No inline objects below the top of a component; no free-form objects; no bare oneOf."""
    if not isinstance(schema, dict):
        return
    if "$ref" in schema:
        # OpenAPI 3.1 lets a reference carry a description; other siblings are where
        # generators (OpenAPIKit's reference context) part ways, so none here.
        extra = set(schema) - {"$ref", "description", "summary"}
        if extra:
            fail(where, f"$ref with siblings {sorted(extra)}: only description and summary")
        return
    if schema.get("type") == "object" or "properties" in schema:
        if not top_level:
            fail(where, "an inline object schema: make it a named component")
        if not schema.get("properties"):
            fail(where, "a free-form object: say what is in it")
        if schema.get("additionalProperties") not in (None, False):
            fail(where, "additionalProperties other than false: a free-form part")
    for keyword in ("oneOf", "anyOf"):
        if keyword in schema and "discriminator" not in schema:
            fail(where, f"{keyword} without a discriminator")
    for name, sub in (schema.get("properties") or {}).items():
        check_schema_tree(f"{where}.{name}", sub, False)
    if "items" in schema:
        check_schema_tree(f"{where}[]", schema["items"], False)


for name, schema in schemas.items():
    check_schema_tree(f"schemas.{name}", schema, True)
    for prop, sub in (schema.get("properties") or {}).items():
        where = f"schemas.{name}.{prop}"
        allowed = {NAME_REF, RECORDED_NAME_REF} if name in RECORDED_NAME_SCHEMAS else {NAME_REF}
        if prop in NAME_PROPERTIES and sub.get("$ref") not in allowed:
            fail(where, "a name property that is not the Name schema")
        if (prop == "id" or prop.endswith("Id")) and resolve(sub).get("format") != "uuid":
            fail(where, "an id that is not a UUID")
        if prop in ("readers", "writers") and sub.get("items", {}).get("$ref") != NAME_REF:
            fail(where, "role members that are not Name")
    if name.endswith("List"):
        items = (schema.get("properties") or {}).get("items", {})
        if schema.get("required") != ["items"] or "next" not in schema.get("properties", {}):
            fail(f"schemas.{name}", "a list without `items` (required) and `next` (the cursor)")
        if "$ref" not in items.get("items", {}):
            fail(f"schemas.{name}", "list items that are not a named schema")

global_security = spec.get("security")
if global_security != [{"bearerToken": []}]:
    fail("security", "the document's security must be the bearer token")

seen_ids = {}
for path, item in spec.get("paths", {}).items():
    shared_parameters = item.get("parameters", [])
    if path not in ("/health", "/metrics") and not path.startswith("/api/v1/"):
        fail(path, "outside /api/v1 (only /health and /metrics are)")
    for method in METHODS:
        operation = item.get(method)
        if operation is None:
            continue
        where = f"{method.upper()} {path}"
        operation_id = operation.get("operationId")
        if not operation_id:
            fail(where, "no operationId")
            continue
        if not re.fullmatch(r"[a-z][A-Za-z0-9]*", operation_id):
            fail(where, f"operationId {operation_id!r} is not lowerCamelCase")
        if operation_id in seen_ids:
            fail(where, f"operationId {operation_id!r} also on {seen_ids[operation_id]}")
        seen_ids[operation_id] = where
        if not operation.get("description") and not operation.get("summary"):
            fail(where, "neither summary nor description")

        public = operation_id in PUBLIC_OPERATIONS
        security = operation.get("security")
        if public and security != []:
            fail(where, "a public operation needs `security: []`")
        if not public and security is not None:
            fail(where, "only getHealth and login may override security")

        responses = {str(code): value for code, value in operation.get("responses", {}).items()}
        parameters = [resolve(p) for p in shared_parameters + operation.get("parameters", [])]
        has_path_parameters = any(p.get("in") == "path" for p in parameters)
        body = operation.get("requestBody")

        if not public and "401" not in responses:
            fail(where, "needs a token but does not document 401")
        if body is not None:
            for status in ("413", "415"):
                if status not in responses:
                    fail(where, f"takes a body but does not document {status}")
        if (has_path_parameters or body is not None or parameters) and "400" not in responses:
            fail(where, "takes input but does not document 400")
        if "500" not in responses and "503" not in responses:
            fail(where, "documents neither 500 nor 503")
        if "default" in responses:
            fail(where, "a `default` response hides undocumented statuses")

        for parameter in parameters:
            name = parameter.get("name", "")
            pwhere = f"{where} parameter {name}"
            schema = parameter.get("schema", {})
            if parameter.get("in") == "path":
                if name.endswith("Name") and name != "parameterName" and schema.get("$ref") != NAME_REF:
                    fail(pwhere, "a name in the path that is not the Name schema")
                if name.endswith("Id") and resolve(schema).get("format") != "uuid":
                    fail(pwhere, "an id in the path that is not a UUID")
                if "{" + name + "}" not in path:
                    fail(pwhere, "not in the path template")
            if parameter.get("in") == "query" and name in NAME_PROPERTIES | {"caller"}:
                if schema.get("$ref") != NAME_REF:
                    fail(pwhere, "a name in the query that is not the Name schema")

        if body is not None:
            for media, content in body.get("content", {}).items():
                schema = content.get("schema", {})
                if media == "application/json" and "$ref" not in schema:
                    fail(f"{where} body", "a JSON body that is not a named schema")
                if media != "application/json" and not is_raw_body_schema(schema):
                    fail(f"{where} body {media}", "a non-JSON body must be raw bytes or text")

        for status, response in responses.items():
            response = resolve(response)
            rwhere = f"{where} {status}"
            content = response.get("content") or {}
            if status[0] in "45":
                if method == "head":
                    if content:
                        fail(rwhere, "a HEAD answer has no body")
                    continue
                if list(content) != ["application/problem+json"]:
                    fail(rwhere, "an error answer that is not only application/problem+json")
                elif content["application/problem+json"].get("schema", {}).get("$ref") != PROBLEM_REF:
                    fail(rwhere, "an error answer that is not the Problem schema")
            else:
                for media, body_content in content.items():
                    schema = body_content.get("schema", {})
                    if media == "application/json" and "$ref" not in schema:
                        fail(f"{rwhere} {media}", "a JSON answer that is not a named schema")
                    if media != "application/json" and not is_raw_body_schema(schema):
                        fail(f"{rwhere} {media}", "a non-JSON answer must be raw bytes or text")

# The Name pattern against SSIS's rules (1-128 characters, no control character, none of "<>|,
# no leading or trailing space, not starting with @).
name_schema = schemas.get("Name", {})
pattern = re.compile(name_schema.get("pattern", "(?!)"))


def name_ok(text):
    return (name_schema.get("minLength", 0) <= len(text) <= name_schema.get("maxLength", 10**9)
            and pattern.search(text) is not None)


for good in ["A", "Finance", "Nightly load", "a.b-c_d (2)", "x" * 128, "Ünïcødé 財務",
             "50% off", "it's", "a@b", "'; DROP TABLE folders; --"]:
    if not name_ok(good):
        fail("schemas.Name", f"refuses the valid name {good!r}")
for bad in ["", " lead", "trail ", " ", "@start", 'quo"te', "a<b", "a>b", "a|b", "tab\there",
            "nul\x00", "new\nline", "del\x7f", "c1\x85", "x" * 129]:
    if name_ok(bad):
        fail("schemas.Name", f"accepts the invalid name {bad!r}")

# The reading guide's permission table: one row per operationId, each exactly once.
try:
    with open(GUIDE, encoding="utf-8") as handle:
        guide = handle.read()
    rows = re.findall(r"^\|\s*`([a-zA-Z]+)`\s*\|", guide, flags=re.MULTILINE)
    listed = {}
    for operation_id in rows:
        listed[operation_id] = listed.get(operation_id, 0) + 1
    for operation_id in seen_ids:
        if listed.get(operation_id, 0) != 1:
            fail("docs/catalog-api.md", f"the permission table lists {operation_id} {listed.get(operation_id, 0)} times")
    for operation_id in listed:
        if operation_id not in seen_ids:
            fail("docs/catalog-api.md", f"the permission table lists {operation_id}, which the document lacks")
except FileNotFoundError:
    fail("docs/catalog-api.md", "missing")

for error in errors:
    print(error, file=sys.stderr)
if errors:
    print(f"{DOCUMENT}: {len(errors)} breach(es) of Sluice's rules", file=sys.stderr)
    sys.exit(1)
print(f"{DOCUMENT}: {len(seen_ids)} operations follow Sluice's rules")
