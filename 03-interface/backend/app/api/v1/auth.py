"""Registration, login (OAuth2 password form or JSON), logout and password change."""

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import ValidationError

from app.api.deps import AuthServiceDep, CurrentPrincipal
from app.api.responses import errors
from app.core.errors import InvalidInput
from app.schemas.auth import LoginRequest, PasswordChange, RegisterRequest, Token, UserOut

router = APIRouter(prefix="/auth", tags=["auth"])

_FORM_SCHEMA = {
    "type": "object",
    "required": ["username", "password"],
    "properties": {
        "username": {"type": "string", "description": "The account's e-mail"},
        "password": {"type": "string"},
        "grant_type": {"type": "string", "enum": ["password"]},
    },
}
_LOGIN_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": LoginRequest.model_json_schema()},
            "application/x-www-form-urlencoded": {"schema": _FORM_SCHEMA},
        },
    }
}


@router.post(
    "/register", status_code=201, response_model=UserOut, operation_id="auth-register", responses=errors(409, 422)
)
async def register(body: RegisterRequest, auth: AuthServiceDep) -> Any:
    return await auth.register(body)


async def _login_request(request: Request) -> LoginRequest:
    try:
        if request.headers.get("content-type", "").startswith("application/json"):
            return LoginRequest.model_validate_json(await request.body())
        form = await request.form()
        return LoginRequest(email=str(form.get("username", "")), password=str(form.get("password", "")))
    except ValidationError as error:
        details = [{"loc": list(item["loc"]), "message": item["msg"]} for item in error.errors()]
        raise InvalidInput("give an e-mail and a password", details) from error


@router.post(
    "/login", response_model=Token, operation_id="auth-login", openapi_extra=_LOGIN_BODY, responses=errors(401, 422)
)
async def login(request: Request, auth: AuthServiceDep) -> Token:
    credentials = await _login_request(request)
    return await auth.login(credentials.email, credentials.password)


@router.post("/logout", status_code=204, operation_id="auth-logout", responses=errors(401, 503))
async def logout(principal: CurrentPrincipal, auth: AuthServiceDep) -> Response:
    """End this session: its token is refused from now on, wherever it was copied."""
    await auth.logout(principal)
    return Response(status_code=204)


@router.post("/password", response_model=Token, operation_id="auth-password", responses=errors(401, 403, 422, 503))
async def change_password(body: PasswordChange, principal: CurrentPrincipal, auth: AuthServiceDep) -> Token:
    """Change the password: every other session ends; the answer is this session's new token."""
    return await auth.change_password(principal, body)
