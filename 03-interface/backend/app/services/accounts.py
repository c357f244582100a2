"""The account itself: who am I, and deleting it with everything that was only mine.

Deleting an account removes its personal workspace with all its rows and objects, and any team
workspace where it was the only member. It leaves the team workspaces it shared to their other
owners; one where it is the last owner beside other members stops the deletion (transfer the
ownership first), checked before anything is removed.
"""

from uuid import UUID

import structlog
from scribe_contracts import Bucket, workspace_prefix

from app.clients.sessions import SessionRevocations
from app.clients.storage import ObjectStorage
from app.core.authorization import Principal, Role
from app.core.errors import Conflict, NotAuthenticated, WrongPassword
from app.core.security import PasswordHasher
from app.models import User, Workspace, WorkspaceKind
from app.repositories.users import UserRepository
from app.repositories.workspaces import WorkspaceRepository

log = structlog.get_logger()


async def delete_workspace_objects(storage: ObjectStorage, workspace_id: UUID) -> None:
    """Every object the workspace owns, in every bucket (its one prefix per bucket)."""
    for bucket in Bucket:
        await storage.delete_prefix(bucket, workspace_prefix(workspace_id))


class AccountService:
    def __init__(
        self,
        users: UserRepository,
        workspaces: WorkspaceRepository,
        storage: ObjectStorage,
        passwords: PasswordHasher,
        revocations: SessionRevocations,
    ) -> None:
        self._users = users
        self._workspaces = workspaces
        self._storage = storage
        self._passwords = passwords
        self._revocations = revocations

    async def me(self, principal: Principal) -> User:
        user = await self._users.by_id(principal.user_id)
        if user is None:
            raise NotAuthenticated("the account of this credential no longer exists")
        return user

    async def delete(self, principal: Principal, password: str) -> None:
        if principal.api_key_id is not None:
            raise NotAuthenticated("an API key cannot delete its account: sign in with the password")
        user = await self.me(principal)
        if not await self._passwords.verify(password, user.password_hash):
            raise WrongPassword("the password is not correct")
        doomed = await self._workspaces_to_delete(principal)
        for workspace in doomed:
            await delete_workspace_objects(self._storage, workspace.id)
        for workspace in doomed:
            await self._workspaces.delete(workspace)
        await self._users.delete(user)
        await self._workspaces.commit()
        if principal.session is not None:
            await self._revocations.revoke(principal.session.session_id, principal.session.expires_at)
        log.info("account_deleted", user_id=str(user.id), workspaces_deleted=[str(w.id) for w in doomed])

    async def _workspaces_to_delete(self, principal: Principal) -> list[Workspace]:
        """The workspaces that go with the account; a Conflict if one would be left without owner.

        Counted with the workspaces locked, and with the roles as they are now: another owner
        leaving or deleting their account at the same moment waits, then sees this deletion."""
        await self._workspaces.lock(list(principal.workspace_ids))
        roles = await self._workspaces.roles_of(principal.user_id)
        doomed: list[Workspace] = []
        for workspace in await self._workspaces.listed(list(principal.workspace_ids)):
            alone = await self._workspaces.count_members(workspace.id) == 1
            if workspace.kind is WorkspaceKind.PERSONAL or alone:
                doomed.append(workspace)
            elif roles.get(workspace.id) is Role.OWNER and await self._workspaces.owners(workspace.id) == 1:
                raise Conflict(
                    f"you are the last owner of the workspace '{workspace.name}': make another member its owner "
                    "(or remove its members) before deleting your account",
                    {"workspace_id": str(workspace.id)},
                )
        return doomed
