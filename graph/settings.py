"""All configuration of the service, read from the environment (and a `.env` file) in one place."""

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    # An external server (neo4j://, neo4j+s:// for Aura or a cluster, bolt://). When set, the
    # embedded launcher is not used.
    neo4j_uri: str | None = None
    neo4j_username: str = "neo4j"
    neo4j_password: str | None = None
    neo4j_database: str = "neo4j"

    # The embedded server started by graph.server when NEO4J_URI is not set.
    var_dir: Path = PROJECT_ROOT / "var"
    bolt_port: int = Field(default=7687, ge=1, le=65535)
    neo4j_heap: str = "1g"
    neo4j_pagecache: str = "512m"
    neo4j_startup_timeout: float = 180.0

    seed_dir: Path = PROJECT_ROOT / "seed_data"
    # Request bodies past these sizes are refused with 413 before they are read whole, and before
    # the token is looked at: a record or answer is a few KB, the whole seed as one import 150 KB.
    max_body_bytes: int = Field(default=2_000_000, ge=1_024)
    max_import_bytes: int = Field(default=20_000_000, ge=1_024)
    api_host: str = "127.0.0.1"
    api_port: int = Field(default=8000, ge=1, le=65535)
    # The login cookie always gets `Secure` when true; otherwise only when the request came over
    # https (directly, or per a proxy's X-Forwarded-Proto).
    cookie_secure: bool = False


@lru_cache
def get_settings() -> Settings:
    return Settings()
