from fastapi import APIRouter

from app.api.v1 import api_keys, auth, identities, invitations, meetings, process, users, workspaces

api_router = APIRouter(prefix="/api/v1")
for module in (auth, users, workspaces, invitations, api_keys, process, meetings, identities):
    api_router.include_router(module.router)
