"""Registration, login (JSON and OAuth2 form), tokens and the current user."""

import time

import httpx

from tests.conftest import PASSWORD, Headers


async def test_register_returns_the_user_without_secrets(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/v1/auth/register", json={"email": "Ada@Example.com", "password": PASSWORD, "display_name": "Ada"}
    )
    assert response.status_code == 201
    body = response.json()
    assert body["email"] == "ada@example.com"
    assert body["display_name"] == "Ada"
    assert "password" not in str(body)


async def test_register_twice_with_one_email_is_a_conflict(client: httpx.AsyncClient, alice: Headers) -> None:
    response = await client.post("/api/v1/auth/register", json={"email": "alice@example.com", "password": PASSWORD})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"


async def test_register_refuses_a_short_password_and_a_bad_email(client: httpx.AsyncClient) -> None:
    short = await client.post("/api/v1/auth/register", json={"email": "x@example.com", "password": "short"})
    bad_email = await client.post("/api/v1/auth/register", json={"email": "nope", "password": PASSWORD})
    assert short.status_code == bad_email.status_code == 422
    assert short.json()["error"]["code"] == "validation_error"


async def test_login_accepts_the_oauth2_password_form(client: httpx.AsyncClient, alice: Headers) -> None:
    response = await client.post("/api/v1/auth/login", data={"username": "alice@example.com", "password": PASSWORD})
    assert response.status_code == 200
    token = response.json()
    assert token["token_type"] == "bearer"
    me = await client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {token['access_token']}"})
    assert me.json()["email"] == "alice@example.com"


async def test_wrong_password_and_unknown_user_fail_alike(client: httpx.AsyncClient, alice: Headers) -> None:
    """Both are 401 with the same message, and take comparable time (a dummy hash is verified)."""
    started = time.perf_counter()
    wrong = await client.post("/api/v1/auth/login", json={"email": "alice@example.com", "password": "wrong-pass"})
    wrong_s = time.perf_counter() - started
    started = time.perf_counter()
    unknown = await client.post("/api/v1/auth/login", json={"email": "nobody@example.com", "password": "wrong-pass"})
    unknown_s = time.perf_counter() - started
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert unknown_s > wrong_s / 4  # an unknown user is not answered without hashing


async def test_login_without_credentials_is_a_validation_error(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/auth/login", content=b"{}", headers={"Content-Type": "application/json"})
    assert response.status_code == 422


async def test_protected_routes_need_a_valid_token(client: httpx.AsyncClient) -> None:
    missing = await client.get("/api/v1/users/me")
    forged = await client.get("/api/v1/users/me", headers={"Authorization": "Bearer not.a.token"})
    assert missing.status_code == forged.status_code == 401
    assert missing.json()["error"]["code"] == "not_authenticated"
    assert missing.headers["www-authenticate"] == "Bearer"


async def test_control_characters_are_refused_not_stored(client: httpx.AsyncClient) -> None:
    """PostgreSQL cannot store NUL: such input is a 422, never a server error (found by schemathesis)."""
    register = await client.post("/api/v1/auth/register", json={"email": "a\u0000b@example.com", "password": PASSWORD})
    login = await client.post("/api/v1/auth/login", json={"email": "a\u0000b@example.com", "password": PASSWORD})
    assert register.status_code == login.status_code == 422
