"""The current account: read it, delete it."""

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Response

from app.api.deps import CurrentPrincipal, ResourcesDep, SessionDep
from app.api.responses import errors
from app.clients.sessions import SessionRevocations
from app.repositories.users import UserRepository
from app.repositories.workspaces import WorkspaceRepository
from app.schemas.auth import AccountDeletion, UserOut
from app.services.accounts import AccountService

router = APIRouter(prefix="/users", tags=["users"])


def get_account_service(session: SessionDep, resources: ResourcesDep) -> AccountService:
    return AccountService(
        UserRepository(session),
        WorkspaceRepository(session),
        resources.storage,
        resources.passwords,
        SessionRevocations(resources.redis),
    )


AccountServiceDep = Annotated[AccountService, Depends(get_account_service)]


@router.get("/me", response_model=UserOut, operation_id="users-me", responses=errors(401))
async def me(principal: CurrentPrincipal, accounts: AccountServiceDep) -> Any:
    return await accounts.me(principal)


@router.delete("/me", status_code=204, operation_id="users-delete-me", responses=errors(401, 403, 409, 422, 503))
async def delete_me(
    principal: CurrentPrincipal, accounts: AccountServiceDep, body: Annotated[AccountDeletion, Body()]
) -> Response:
    """Delete the account: its personal workspace and every row and object in it, and the team
    workspaces where it is the only member. Refused (409) while it is the last owner of a
    workspace others still use. Needs the password, and a session (not an API key)."""
    await accounts.delete(principal, body.password)
    return Response(status_code=204)
