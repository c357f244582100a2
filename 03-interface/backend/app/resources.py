"""The long-lived clients of one API process, built in the lifespan and injected per request."""

from collections.abc import Awaitable
from dataclasses import dataclass

from redis.asyncio import Redis
from scribe_runtime import ObjectStore, S3Credentials
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from taskiq import AsyncBroker

from app.broker import TaskDispatcher, create_broker
from app.clients.mail import Mailer
from app.clients.storage import ObjectStorage
from app.core.config import Settings
from app.core.db import create_engine, create_session_factory
from app.core.security import PasswordHasher, TokenCodec


@dataclass
class Resources:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    storage: ObjectStorage
    broker: AsyncBroker
    dispatcher: TaskDispatcher
    redis: Redis
    tokens: TokenCodec
    passwords: PasswordHasher
    mailer: Mailer

    @classmethod
    def build(cls, settings: Settings) -> "Resources":
        engine = create_engine(settings.database_url)
        broker = create_broker(settings)
        return cls(
            settings=settings,
            engine=engine,
            sessions=create_session_factory(engine),
            storage=ObjectStorage(
                ObjectStore(
                    S3Credentials(
                        settings.s3_endpoint_url, settings.s3_access_key, settings.s3_secret_key, settings.s3_region
                    )
                ),
                settings.s3_presign_expire_seconds,
            ),
            broker=broker,
            dispatcher=TaskDispatcher(broker),
            redis=Redis.from_url(settings.redis_url, socket_connect_timeout=3, socket_timeout=10),
            tokens=TokenCodec(
                settings.jwt_secret,
                settings.jwt_algorithm,
                settings.jwt_expire_minutes,
                settings.jwt_audience,
                settings.jwt_issuer,
            ),
            passwords=PasswordHasher(
                settings.password_hash_memory_kib, settings.password_hash_time_cost, settings.password_hash_parallelism
            ),
            mailer=Mailer(
                settings.smtp_host,
                settings.smtp_port,
                settings.smtp_username,
                settings.smtp_password,
                settings.smtp_from,
                settings.smtp_starttls,
            ),
        )

    def closers(self) -> dict[str, Awaitable[object]]:
        """What to await at shutdown, by name (the lifespan bounds each one)."""
        return {"broker": self.broker.shutdown(), "redis": self.redis.aclose(), "database": self.engine.dispose()}
