"""The one settings object of the project (environment variables and ``.env``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.errors import HonglianError

#: The password every local Neo4j had before each got a random one; it was published, so it is
#: refused wherever it is configured, and a data dir still using it is moved off it on start.
LEGACY_LOCAL_PASSWORD = "honglian-local-dev"
#: Name of the file, in the local server's directory, that holds its generated password.
PASSWORD_FILE = "password"


class PasswordProblem(HonglianError, ValueError):
    """No usable Neo4j password is configured."""


def _env(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class Settings(BaseSettings):
    """Configuration, read once from the environment and ``.env``.

    When ``NEO4J_URI`` is set the project talks to that server (docker compose,
    Aura, a cluster through ``neo4j://`` routing) and manages nothing locally.
    Otherwise it installs and runs a local Neo4j Community server itself.
    """

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    neo4j_uri: str | None = Field(None, validation_alias=_env("NEO4J_URI"))
    neo4j_user: str = Field("neo4j", validation_alias=_env("NEO4J_USER"))
    #: Overrides the local server's generated password; required when NEO4J_URI is set.
    neo4j_password: SecretStr | None = Field(None, validation_alias=_env("NEO4J_PASSWORD"))
    neo4j_database: str = Field("neo4j", validation_alias=_env("NEO4J_DATABASE"))

    # The local server (used only when NEO4J_URI is unset).
    bolt_port: int = Field(7687, ge=1, le=65535, validation_alias=_env("HONGLIAN_NEO4J_BOLT_PORT"))
    http_port: int = Field(7474, ge=1, le=65535, validation_alias=_env("HONGLIAN_NEO4J_HTTP_PORT"))
    heap: str = Field("512m", pattern=r"^\d+[kmgKMG]$", validation_alias=_env("HONGLIAN_NEO4J_HEAP"))
    pagecache: str = Field(
        "256m", pattern=r"^\d+[kmgKMG]$", validation_alias=_env("HONGLIAN_NEO4J_PAGECACHE")
    )
    data_dir: Path = Field(
        Path.home() / ".local" / "share" / "honglian", validation_alias=_env("HONGLIAN_DATA_DIR")
    )
    cache_dir: Path = Field(Path.home() / ".cache" / "honglian", validation_alias=_env("HONGLIAN_CACHE_DIR"))
    #: The Maven repository Neo4j's jars are fetched from (a mirror of Maven Central will do).
    maven_repository: str = Field(
        "https://repo1.maven.org/maven2", validation_alias=_env("HONGLIAN_MAVEN_REPOSITORY")
    )
    start_timeout: float = Field(180.0, gt=0, validation_alias=_env("HONGLIAN_NEO4J_START_TIMEOUT"))

    # The HTTP API.
    api_host: str = Field("127.0.0.1", validation_alias=_env("API_HOST"))
    api_port: int = Field(8000, ge=1, le=65535, validation_alias=_env("API_PORT"))
    #: Server-side timeout of every read transaction, in seconds.
    query_timeout: float = Field(5.0, gt=0, le=600, validation_alias=_env("HONGLIAN_QUERY_TIMEOUT"))
    #: Seconds a request waits for analytics (centrality, communities, brokers, coverage, exports)
    #: from the worker process; past it 503 + Retry-After, while the work goes on and fills the cache.
    analytics_timeout: float = Field(15.0, gt=0, le=3600, validation_alias=_env("HONGLIAN_ANALYTICS_TIMEOUT"))
    #: The same for reports (``/reports/network``).
    report_timeout: float = Field(30.0, gt=0, le=3600, validation_alias=_env("HONGLIAN_REPORT_TIMEOUT"))
    #: Analytics worker processes per API process: 0 = one per core but one, at most 2 (the public
    #: and the keyed view each go to one worker, so a third would stay idle).
    analytics_workers: int = Field(0, ge=0, le=2, validation_alias=_env("HONGLIAN_ANALYTICS_WORKERS"))

    # Security.
    #: API keys as ``name:role:sha256-hex`` entries, comma-separated; role is ``curator`` (may write)
    #: or ``reader``. Only hashes are configured: `honglian keys new NAME` makes a key and its entry.
    api_keys: str = Field("", validation_alias=_env("HONGLIAN_API_KEYS"))
    #: Origins allowed to call the API from a browser (comma-separated); empty = no CORS at all.
    cors_origins: str = Field("", validation_alias=_env("HONGLIAN_CORS_ORIGINS"))
    #: Largest request body accepted, in bytes (413 beyond it).
    max_body_bytes: int = Field(2_000_000, ge=1024, validation_alias=_env("HONGLIAN_MAX_BODY_BYTES"))

    @field_validator("neo4j_password", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("data_dir", "cache_dir")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser().resolve()

    @property
    def managed(self) -> bool:
        """True when the project runs its own local Neo4j (``NEO4J_URI`` unset)."""
        return not self.neo4j_uri

    @property
    def uri(self) -> str:
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def password_file(self) -> Path:
        """Where the local server's generated password is kept (mode 0600)."""
        return self.data_dir / "neo4j" / PASSWORD_FILE

    def password(self) -> str:
        """``NEO4J_PASSWORD`` when set; else, for the local server, the one in :attr:`password_file`."""
        if self.neo4j_password is not None:
            return self.neo4j_password.get_secret_value()
        if not self.managed:
            raise PasswordProblem(
                f"NEO4J_URI is set ({self.neo4j_uri}) but NEO4J_PASSWORD is not: set the password of "
                "that server."
            )
        try:
            return self.password_file.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            raise PasswordProblem(
                f"The local Neo4j has no password yet ({self.password_file} does not exist): "
                "`honglian neo4j start` makes one."
            ) from None

    @property
    def auth(self) -> tuple[str, str]:
        return (self.neo4j_user, self.password())

    def key_entries(self) -> list[tuple[str, str, str]]:
        """(name, role, sha256-hex) of every configured API key; malformed entries are an error."""
        out = []
        for entry in filter(None, (e.strip() for e in self.api_keys.split(","))):
            parts = entry.split(":")
            if len(parts) != 3 or parts[1] not in ("curator", "reader") or len(parts[2]) != 64:
                raise ValueError(
                    f"HONGLIAN_API_KEYS entry {entry[:20]!r}… is not name:curator|reader:sha256-hex"
                )
            out.append((parts[0], parts[1], parts[2].lower()))
        return out

    def check_secrets(self) -> None:
        """Refuse a missing password for a remote server, and the old published one anywhere."""
        if self.neo4j_password is None and not self.managed:
            self.password()  # raises: NEO4J_URI without NEO4J_PASSWORD
        if self.neo4j_password is not None and self.password() == LEGACY_LOCAL_PASSWORD:
            raise PasswordProblem(
                "NEO4J_PASSWORD is honglian's old published default password, which is refused. "
                + (
                    "Unset it: `honglian neo4j start` moves the local server to a random password "
                    "(`honglian neo4j password` prints it)."
                    if self.managed
                    else f"Set the real password of {self.neo4j_uri}."
                )
            )


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, created on first use."""
    return Settings()
