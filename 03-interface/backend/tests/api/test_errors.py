"""Every error, including the framework's own, has the one body shape."""

import httpx

from tests.conftest import Headers


async def test_unknown_route_and_wrong_method_use_the_error_shape(client: httpx.AsyncClient) -> None:
    missing = await client.get("/api/v1/nothing-here")
    wrong_method = await client.put("/api/v1/auth/login")
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "not_found")
    assert (wrong_method.status_code, wrong_method.json()["error"]["code"]) == (405, "method_not_allowed")


async def test_malformed_ids_are_validation_errors(client: httpx.AsyncClient, alice: Headers) -> None:
    response = await client.get("/api/v1/meetings/not-a-uuid", headers=alice)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["details"][0]["loc"] == ["path", "meeting_id"]
