"""The committed openapi.json is what the code serves, and it documents auth and errors."""

import json

import pytest

from app.core.config import Environment, Settings
from app.main import create_app
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
                assert operation.get("security") == [{"HTTPBearer": []}], operation["operationId"]
                assert "401" in operation["responses"], operation["operationId"]


def test_uploads_are_documented_as_multipart() -> None:
    spec = json.loads(render_spec())
    for path in ("/api/v1/process/", "/api/v1/identities"):
        assert "multipart/form-data" in spec["paths"][path]["post"]["requestBody"]["content"]


@pytest.mark.parametrize(
    ("environment", "enabled", "served"),
    [(Environment.PRODUCTION, None, False), (Environment.PRODUCTION, True, True), (Environment.LOCAL, None, True)],
)
def test_docs_are_off_in_production_unless_enabled(
    environment: Environment, enabled: bool | None, served: bool
) -> None:
    settings = Settings(
        environment=environment,
        api_docs_enabled=enabled,
        database_url="postgresql+asyncpg://scribe_app:a-real-password@db/scribe",
        jwt_secret="j" * 40,
        s3_access_key="access-key",
        s3_secret_key="secret-key-value",
    )
    docs = {"/docs", "/redoc", "/openapi.json"}
    paths = {getattr(route, "path", "") for route in create_app(settings).routes}
    assert (docs <= paths) if served else not (docs & paths)
