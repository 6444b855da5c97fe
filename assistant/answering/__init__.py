"""Answering: the LCEL chain (condense → analyse → retrieve → answer → verify) and its steps."""

from assistant.answering.chain import Components, build_chain, compose
from assistant.answering.condense import RuleCondenser
from assistant.answering.extractive import ExtractiveAnswerer
from assistant.answering.generative import GenerativeAnswerer, LLMCondenser
from assistant.answering.protocols import Answerer, Condenser, SentenceVectors
from assistant.answering.question import QuestionInfo, analyse
from assistant.answering.structured import StructuredAnswerer, where_to_ask
from assistant.answering.verification import clean_passage, is_injection, ungrounded, verify

__all__ = [
    "Answerer",
    "Components",
    "Condenser",
    "ExtractiveAnswerer",
    "GenerativeAnswerer",
    "LLMCondenser",
    "QuestionInfo",
    "RuleCondenser",
    "SentenceVectors",
    "StructuredAnswerer",
    "analyse",
    "build_chain",
    "clean_passage",
    "compose",
    "is_injection",
    "ungrounded",
    "verify",
    "where_to_ask",
]
