"""Application settings: one pydantic-settings class read from the environment.

Invalid values stop the app at start with a message naming the variable.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sys
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

ROOT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT_DIR / "data"
_PLACEHOLDERS = {"changeme", "change-me", "secret", "please-change"}


class Settings(BaseSettings):
    """Everything CasTyou reads from its environment."""

    model_config = SettingsConfigDict(env_file=None, extra="ignore", case_sensitive=False)

    database_url: str = Field(
        default_factory=lambda: f"sqlite:///{DATA_DIR / 'castyou.db'}",
        validation_alias="DATABASE_URL",
    )
    redis_url: str | None = Field(default=None, validation_alias="REDIS_URL")
    stripe_secret_key: str | None = Field(default=None, validation_alias="STRIPE_SECRET_KEY")
    stripe_publishable_key: str | None = Field(
        default=None, validation_alias="STRIPE_PUBLISHABLE_KEY"
    )
    stripe_webhook_secret: str | None = Field(
        default=None, validation_alias="STRIPE_WEBHOOK_SECRET"
    )
    api_keys: Annotated[list[str], NoDecode] = Field(
        default_factory=list, validation_alias="CASTYOU_API_KEYS"
    )
    secret: str | None = Field(default=None, validation_alias="CASTYOU_SECRET")
    env: Literal["development", "production"] = Field(
        default="development", validation_alias="CASTYOU_ENV"
    )
    public_url: str = Field(default="http://localhost:3000", validation_alias="CASTYOU_PUBLIC_URL")
    grant_approval_threshold: int | None = Field(
        default=None, ge=1, validation_alias="CASTYOU_GRANT_APPROVAL_THRESHOLD"
    )
    # Concierge files, e-mail, metrics (issue 16)
    uploads_dir: Path = Field(
        default_factory=lambda: DATA_DIR / "uploads", validation_alias="CASTYOU_UPLOADS_DIR"
    )
    smtp_url: str | None = Field(default=None, validation_alias="SMTP_URL")
    email_from: str = Field(
        default="CasTyou <no-reply@castyou.test>", validation_alias="CASTYOU_EMAIL_FROM"
    )
    metrics_key: str | None = Field(default=None, validation_alias="CASTYOU_METRICS_KEY")

    # Operations (issue 14): bounded waits so a stalled database answers 503, not a hang.
    db_timeout: float = Field(default=5.0, gt=0, le=300, validation_alias="CASTYOU_DB_TIMEOUT")
    db_connect_timeout: int = Field(
        default=3, ge=1, le=60, validation_alias="CASTYOU_DB_CONNECT_TIMEOUT"
    )
    request_timeout: float = Field(
        default=8.0, gt=0, le=600, validation_alias="CASTYOU_REQUEST_TIMEOUT"
    )
    # Security (issue 13): client addresses behind proxies, password hashing pool.
    trusted_proxy_hops: int = Field(
        default=0, ge=0, le=10, validation_alias="CASTYOU_TRUSTED_PROXY_HOPS"
    )
    password_workers: int = Field(
        default=0, ge=0, le=64, validation_alias="CASTYOU_PASSWORD_WORKERS"
    )
    password_queue: int = Field(
        default=16, ge=0, le=1000, validation_alias="CASTYOU_PASSWORD_QUEUE"
    )
    # Anti-farming (issue 13): new accounts per client address per hour (earn_rules.py).
    signups_per_address_per_hour: int = Field(
        default=5, ge=1, le=1_000_000, validation_alias="CASTYOU_SIGNUPS_PER_ADDRESS_PER_HOUR"
    )
    # Receipts: the seller printed on every receipt (web page and PDF).
    merchant_name: str = Field(
        default="CasTyou", max_length=80, validation_alias="CASTYOU_MERCHANT_NAME"
    )
    merchant_address: str = Field(
        default="", max_length=200, validation_alias="CASTYOU_MERCHANT_ADDRESS"
    )
    merchant_email: str = Field(
        default="billing@castyou.test", max_length=120, validation_alias="CASTYOU_MERCHANT_EMAIL"
    )

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        if not value.startswith(("sqlite://", "postgresql://", "postgresql+psycopg://")):
            raise ValueError("must be a sqlite:// or postgresql+psycopg:// URL")
        if value.startswith("postgresql://"):
            value = "postgresql+psycopg://" + value.removeprefix("postgresql://")
        return value

    @field_validator(
        "redis_url",
        "stripe_secret_key",
        "stripe_publishable_key",
        "stripe_webhook_secret",
        "secret",
        "smtp_url",
        "metrics_key",
        mode="before",
    )
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("redis_url")
    @classmethod
    def _check_redis_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("redis://", "rediss://")):
            raise ValueError("must be a redis:// URL")
        return value

    @field_validator("smtp_url")
    @classmethod
    def _check_smtp_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("smtp://", "smtps://")):
            raise ValueError("must be an smtp:// or smtps:// URL")
        return value

    @field_validator("metrics_key")
    @classmethod
    def _check_metrics_key(cls, value: str | None) -> str | None:
        if value is not None and len(value) < 16:
            raise ValueError("needs at least 16 characters")
        return value

    @field_validator("stripe_secret_key")
    @classmethod
    def _check_stripe_key(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("sk_", "rk_")):
            raise ValueError("must start with sk_ or rk_")
        return value

    @field_validator("api_keys", mode="before")
    @classmethod
    def _split_keys(cls, value: object) -> object:
        if isinstance(value, str):
            return [key.strip() for key in value.split(",") if key.strip()]
        return value

    @field_validator("api_keys")
    @classmethod
    def _check_keys(cls, value: list[str]) -> list[str]:
        if any(len(key) < 16 for key in value):
            raise ValueError("every key needs at least 16 characters")
        return value

    @model_validator(mode="after")
    def _check_production(self) -> Settings:
        if self.env == "production":
            if not self.secret or self.secret.lower() in _PLACEHOLDERS or len(self.secret) < 32:
                raise ValueError(
                    "CASTYOU_SECRET: production needs a random value of 32+ characters"
                )
            if self.stripe_secret_key and not self.stripe_webhook_secret:
                raise ValueError("STRIPE_WEBHOOK_SECRET: required when STRIPE_SECRET_KEY is set")
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def payment_mode(self) -> Literal["stripe", "local"]:
        """Stripe when a secret key is configured, otherwise the local simulator."""
        return "stripe" if self.stripe_secret_key else "local"

    @property
    def public_origin(self) -> str:
        """``scheme://host[:port]`` of ``public_url``, as browsers send it in ``Origin``."""
        parts = urlsplit(self.public_url.strip())
        return f"{parts.scheme}://{parts.netloc}".lower()

    @property
    def session_secret(self) -> str:
        """The signing secret; in development it is generated once and kept in data/."""
        if self.secret:
            return self.secret
        path = DATA_DIR / "secret.key"
        if not path.exists():
            DATA_DIR.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        return path.read_text().strip()

    @property
    def webhook_secret(self) -> str:
        """Stripe's webhook secret, or one derived from the session secret for the simulator."""
        if self.stripe_webhook_secret:
            return self.stripe_webhook_secret
        digest = hmac.new(self.session_secret.encode(), b"local-webhook", hashlib.sha256)
        return "whsec_local_" + digest.hexdigest()


def _explain(error: ValidationError) -> str:
    lines = []
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"])
        message = str(item["msg"]).removeprefix("Value error, ")
        lines.append(f"{field.upper()}: {message}" if field else message)
    return "Invalid CasTyou configuration:\n  " + "\n  ".join(lines)


@lru_cache
def get_settings() -> Settings:
    """Read and validate settings once; exit with a readable message when invalid."""
    try:
        return Settings()
    except ValidationError as error:
        sys.stderr.write(_explain(error) + "\n")
        raise SystemExit(2) from None
