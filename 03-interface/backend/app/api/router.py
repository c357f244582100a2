from fastapi import APIRouter

from app.api.v1 import auth, identities, meetings, process, users

api_router = APIRouter(prefix="/api/v1")
for module in (auth, users, process, meetings, identities):
    api_router.include_router(module.router)
