"""Text stage: French folding, numbers, sentences, search tokens, glossary, shared patterns.

Pure functions with no state and no model: every other stage builds on them.
"""

from assistant.text.folding import fold
from assistant.text.glossary import GLOSSARY, expand_query, expansions
from assistant.text.numbers import (
    NUMBER_RE,
    contains,
    format_date,
    format_eur,
    format_int,
    normalize,
    numbers_in,
    ungrounded_numbers,
)
from assistant.text.patterns import MARKERS_RE, WEB_URL, WEB_URL_IN_TEXT, markers, web_url
from assistant.text.sentences import split_sentences, split_words
from assistant.text.tokens import stopwords, tokenize

__all__ = [
    "GLOSSARY",
    "MARKERS_RE",
    "NUMBER_RE",
    "WEB_URL",
    "WEB_URL_IN_TEXT",
    "contains",
    "expand_query",
    "expansions",
    "fold",
    "format_date",
    "format_eur",
    "format_int",
    "markers",
    "normalize",
    "numbers_in",
    "split_sentences",
    "split_words",
    "stopwords",
    "tokenize",
    "ungrounded_numbers",
    "web_url",
]
