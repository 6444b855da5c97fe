"""Error hierarchy of the assistant.

Every error carries an operator-facing English message (``str(err)``) and a
French message for end users (``err.user_message``). Interfaces show the latter
and log the former; none of them ever shows a traceback to a user.
"""

from __future__ import annotations


class AssistantError(Exception):
    """Base class of every error the assistant raises on purpose."""

    #: Default French message shown to end users.
    default_user_message = "Une erreur est survenue. Merci de réessayer dans un instant."

    def __init__(self, message: str, *, user_message: str | None = None) -> None:
        super().__init__(message)
        self.user_message = user_message or self.default_user_message


# --- configuration -------------------------------------------------------------------------


class ConfigError(AssistantError):
    """A setting is missing or invalid, or the data folder is unusable."""

    default_user_message = "L'assistant est mal configuré : contactez l'administrateur du service."


# --- documents and ingestion ---------------------------------------------------------------


class DocumentError(AssistantError):
    """A source document cannot be read or parsed."""

    default_user_message = "Ce document ne peut pas être lu."

    def __init__(self, path: str, reason: str, *, user_message: str | None = None) -> None:
        super().__init__(f"{path}: {reason}", user_message=user_message)
        self.path = path
        self.reason = reason


class UnsupportedFormatError(DocumentError):
    """The file extension is not one the loaders handle."""


class DocumentParseError(DocumentError):
    """The file is corrupt, empty, binary or not decodable."""


class FrontMatterError(DocumentError):
    """The YAML front matter of a Markdown document is invalid."""


class ReadError(AssistantError):
    """A format reader cannot make sense of a file's bytes.

    ``kind`` is ``binary``, ``front_matter`` or ``parse``; the loader, which knows the
    file's path, turns it into a :class:`DocumentError` subclass.
    """

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


# --- embedding model -----------------------------------------------------------------------


class EmbeddingError(AssistantError):
    """The embedding model cannot be built, loaded or run."""

    default_user_message = "Le modèle de langue de l'assistant est indisponible."


class ModelNotFoundError(EmbeddingError):
    """The configured model is not available locally and cannot be built."""


class ModelBuildError(EmbeddingError):
    """Rebuilding the offline embedding model failed."""


# --- vector store --------------------------------------------------------------------------


class StoreError(AssistantError):
    """The vector store (Chroma) failed."""

    default_user_message = "La base documentaire est momentanément indisponible."


class StoreUnavailableError(StoreError):
    """The Chroma server cannot be reached."""


class EmbedderMismatchError(StoreError):
    """The collection was built with another embedding model: re-index it."""

    default_user_message = (
        "L'index documentaire a été construit avec un autre modèle : "
        "il doit être reconstruit par l'administrateur."
    )


class EmptyIndexError(StoreError):
    """The collection holds no document: index the corpus first."""

    default_user_message = (
        "La base documentaire est vide : l'administrateur doit d'abord indexer les documents."
    )


# --- questions and answers -----------------------------------------------------------------


class QuestionError(AssistantError):
    """The user's question is empty, too long or otherwise unusable."""

    default_user_message = "Je n'ai pas compris la question : pouvez-vous la reformuler ?"


class LLMError(AssistantError):
    """A language-model backend failed or timed out."""

    default_user_message = "Le modèle de génération est indisponible ; réponse extractive fournie."


class LLMTimeoutError(LLMError):
    """A language-model backend did not answer within ``llm_timeout_s``."""


class FilterError(AssistantError):
    """A filter value (region, sector, programme) is not in the catalogue."""

    default_user_message = "Filtre inconnu."


class SiteError(AssistantError):
    """A request names an unknown site, or breaks its site's rules (origin, pinned region).

    ``status`` and ``code`` are the HTTP status and error code the API answers with.
    """

    default_user_message = "Ce site n'est pas autorisé à interroger l'assistant."

    def __init__(
        self,
        message: str,
        *,
        status: int = 403,
        code: str = "site_refused",
        user_message: str | None = None,
    ) -> None:
        super().__init__(message, user_message=user_message)
        self.status = status
        self.code = code


# --- feedback and benchmarks ----------------------------------------------------------------


class FeedbackError(AssistantError):
    """The feedback database cannot be opened or written."""

    default_user_message = "Votre avis n'a pas pu être enregistré. Merci de réessayer plus tard."


class SquadError(AssistantError):
    """A benchmark file in SQuAD format cannot be read."""
