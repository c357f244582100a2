"""The committed openapi.json is what the code serves, and it documents auth and errors."""

import json

from scripts.export_openapi import SPEC_PATH, render_spec


def test_committed_spec_is_up_to_date() -> None:
    assert SPEC_PATH.read_text() == render_spec(), "openapi.json is stale: run python scripts/export_openapi.py"


def test_every_operation_has_a_stable_id_and_protected_ones_declare_auth() -> None:
    spec = json.loads(render_spec())
    public = {"auth-register", "auth-login", "health-check"}
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            tag, _, name = operation["operationId"].partition("-")
            assert tag == operation["tags"][0], (method, path)
            assert name, (method, path)
            if operation["operationId"] not in public:
                assert operation.get("security") == [{"OAuth2PasswordBearer": []}], operation["operationId"]
                assert "401" in operation["responses"], operation["operationId"]


def test_uploads_are_documented_as_multipart() -> None:
    spec = json.loads(render_spec())
    for path in ("/api/v1/process/", "/api/v1/identities"):
        assert "multipart/form-data" in spec["paths"][path]["post"]["requestBody"]["content"]
