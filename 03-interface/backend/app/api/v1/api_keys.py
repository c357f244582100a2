"""Your API keys, for scripts: `Authorization: Bearer sms_...`."""

from uuid import UUID

from fastapi import APIRouter, Response

from app.api.deps import ApiKeyServiceDep, CurrentPrincipal
from app.api.responses import errors
from app.schemas.workspaces import ApiKeyCreate, ApiKeyCreated, ApiKeyList, ApiKeyOut

router = APIRouter(prefix="/api-keys", tags=["keys"])


@router.post(
    "",
    status_code=201,
    response_model=ApiKeyCreated,
    operation_id="keys-create",
    responses=errors(401, 403, 404, 422),
)
async def create_key(body: ApiKeyCreate, principal: CurrentPrincipal, keys: ApiKeyServiceDep) -> ApiKeyCreated:
    """A key for one workspace with a role up to yours there; its token is in this answer only."""
    return await keys.create(principal, body)


@router.get("", response_model=ApiKeyList, operation_id="keys-list", responses=errors(401))
async def list_keys(principal: CurrentPrincipal, keys: ApiKeyServiceDep) -> ApiKeyList:
    return ApiKeyList(items=[ApiKeyOut.model_validate(key) for key in await keys.mine(principal)])


@router.delete("/{key_id}", status_code=204, operation_id="keys-revoke", responses=errors(401, 403, 404))
async def revoke_key(key_id: UUID, principal: CurrentPrincipal, keys: ApiKeyServiceDep) -> Response:
    """Revoke the key: it is refused from the next request on."""
    await keys.revoke(principal, key_id)
    return Response(status_code=204)
