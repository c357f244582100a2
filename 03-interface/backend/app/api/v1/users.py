from typing import Any

from fastapi import APIRouter

from app.api.deps import CurrentUser
from app.api.responses import errors
from app.schemas.auth import UserOut

router = APIRouter(prefix="/users", tags=["users"])


@router.get("/me", response_model=UserOut, operation_id="users-me", responses=errors(401))
async def me(user: CurrentUser) -> Any:
    return user
