from fastapi import APIRouter

from app.api.deps import ResourcesDep
from app.api.responses import errors
from app.schemas.health import Health
from app.services.health import check_health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, operation_id="health-check", responses=errors(503))
async def health(resources: ResourcesDep) -> Health:
    """200 when PostgreSQL, Redis and S3 all answer; 503 with each check's result otherwise."""
    return Health(status="ok", checks=await check_health(resources))
