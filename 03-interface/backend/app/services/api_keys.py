"""API keys for scripts: personal access tokens bound to one workspace, with a role no higher than
their user's there (and never higher later: a key acts with the lower of the two). Shown once,
stored as a SHA-256 digest, revocable, with the time it was last used."""

from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

from app.core.authorization import Action, Principal, authorize
from app.core.errors import Forbidden, NotFound
from app.core.security import new_secret
from app.models import ApiKey, utcnow
from app.repositories.api_keys import ApiKeyRepository
from app.schemas.workspaces import ApiKeyCreate, ApiKeyCreated, ApiKeyOut
from app.services.audit import AuditAction, AuditLog
from app.services.auth import API_KEY_KIND


class ApiKeyService:
    def __init__(self, keys: ApiKeyRepository, audit: AuditLog) -> None:
        self._keys = keys
        self._audit = audit

    async def create(self, principal: Principal, request: ApiKeyCreate) -> ApiKeyCreated:
        if principal.api_key_id is not None:
            raise Forbidden("an API key cannot make other keys: sign in to create one")
        held = authorize(principal, Action.READ, request.workspace_id, "workspace")
        if not held.at_least(request.role):
            raise Forbidden(f"a key's role can be at most yours in the workspace ({held})")
        secret = new_secret(API_KEY_KIND)
        expires = datetime.now(UTC) + timedelta(days=request.expires_in_days) if request.expires_in_days else None
        key = ApiKey(
            id=uuid4(),
            user_id=principal.user_id,
            workspace_id=request.workspace_id,
            name=request.name,
            role=request.role,
            prefix=secret.prefix,
            token_hash=secret.digest,
            expires_at=expires,
        )
        self._audit.record(
            principal, request.workspace_id, AuditAction.API_KEY_CREATED, ("api_key", key.id), role=key.role.value
        )
        await self._keys.add(key)
        return ApiKeyCreated(**ApiKeyOut.model_validate(key).model_dump(), token=secret.token)

    async def mine(self, principal: Principal) -> list[ApiKey]:
        return await self._keys.mine(principal.user_id)

    async def revoke(self, principal: Principal, key_id: UUID) -> None:
        if principal.api_key_id is not None and principal.api_key_id != key_id:
            raise Forbidden("an API key can revoke only itself; manage the others signed in")
        key = await self._keys.get(key_id)
        if key is None or key.user_id != principal.user_id:
            raise NotFound("API key not found")
        if key.revoked_at is None:
            key.revoked_at = utcnow()
            if principal.role_in(key.workspace_id) is not None:
                self._audit.record(principal, key.workspace_id, AuditAction.API_KEY_REVOKED, ("api_key", key.id))
            await self._keys.commit()
