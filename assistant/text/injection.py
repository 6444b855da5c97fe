"""Sentences of a source that read as instructions to a model (prompt injection).

Such sentences are never quoted and never given to a language model.
"""

from __future__ import annotations

import re

from assistant.text.folding import fold

__all__ = ["is_injection"]

# Instructions addressed to a model, on accent-folded lower-case text.
_INJECTION_RE = re.compile(
    r"\b(ignor\w*|oubli\w*|neglig\w*|ne tiens? pas compte)\b.{0,40}\b(instructions?|consignes?|"
    r"regles?|directives?|prompt|ce qui precede|messages? precedents?)\b"
    r"|\b(ignore|disregard|forget)\b.{0,30}\b(instructions?|previous|above|rules)\b"
    r"|\b(nouvelles?|autres?) (instructions?|consignes?)\b"
    r"|\b(reponds?|repondez|ecris|affiche|dis|dites)\b.{0,20}\b(uniquement|toujours|seulement"
    r"|desormais|maintenant)\b"
    r"|\b(tu es|vous etes|you are) (desormais|maintenant|now)\b"
    r"|\b(assistant|modele|ia|llm|chatbot|system)\b.{0,30}\b(dois|doit|devez|must)\b"
    r"|<\|?(system|im_start|im_end)\|?>|\bsystem prompt\b|\bprompt systeme\b"
)


def is_injection(sentence: str) -> bool:
    """Whether a passage sentence reads as an instruction to the assistant."""
    return bool(_INJECTION_RE.search(fold(sentence)))
