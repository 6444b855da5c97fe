"""« L'École du nucléaire de Brive recrute à quel niveau ? »: an institution no document names.

A question naming an institution (« École », « Institut », « Campus »… with a capital)
that no document of the collection names is about something the assistant knows nothing
of. Answering it with the nearest sentence (« L'École de la Batterie couvre tous les
niveaux ») would tell an advisor about another school: the answer says the name is not in
the documents instead.
"""

from __future__ import annotations

import re

from assistant.text.folding import fold

#: Words that open an institution's name.
_HEADS = (
    "École|Ecole|Institut|Campus|Centre|Pôle|Pole|Académie|Academie|Cité|Cite|Maison|Lycée|"
    "Lycee|Fabrique|Plateforme"
)
_HEAD = re.compile(rf"(?<![\w-])(?:{_HEADS})(?![\w'’-])")
#: Words joining the parts of a name (« de la », « des », « d' »).
_CONNECTORS = frozenset({"de", "du", "des", "la", "le", "les", "l", "d", "et"})
_TOKEN = re.compile(r"[\w-]+|['’]")


def unknown_institution(question: str, known_text: str) -> str | None:
    """The institution ``question`` names (as written) whose name is nowhere in
    ``known_text`` (the folded text of every document and name form), or None."""
    # A capital opening the question says nothing (« École de chimie toulousaine : … »); in
    # lower case (« le campus poitevin ») the words describe a programme, they name none.
    starts = [m.start() for m in _HEAD.finditer(question) if m.start() > 0]
    for start in starts:
        name = _name_from(question, start)
        written = [w for w in _TOKEN.findall(name) if w not in ("'", "’")]
        # Its head and first word of its own (« école du nucléaire »): enough to tell
        # whether the documents know it.
        core = [fold(written[0])]
        for word in written[1:]:
            core.append(fold(word))
            if fold(word) not in _CONNECTORS:
                if word[0].isupper():
                    core = []  # « École Centrale », « Campus de Saintes »: a proper name
                break
        if len(core) < 2 or core[-1] in _CONNECTORS:
            continue  # « Campus » alone names nothing
        pattern = r"\b" + r"\W+".join(re.escape(w) for w in core) + r"\b"
        if not re.search(pattern, known_text):
            return name
    return None


#: An institution described by its town (« l'école d'ingénieurs de Mulhouse », « l'IUT de
#: Troyes »): a head in any case, a few words, then « de/à » and a capitalised town.
_PLACED = re.compile(
    r"(?i:\b(?P<head>école|ecole|université|universite|fac|faculté|faculte|institut|iut|"
    r"campus|lycée|lycee|cfa|centre|academy|académie|academie))\b(?:[\s'’-]+[\w-]+){0,3}?\s+(?i:de|d['’]|à|a)\s*"
    r"(?P<town>[A-ZÉÈ][a-zéèêëàâîïôûç]+(?:-[A-Za-zéèêëàâîïôûç]+)*)\b"
)


def unknown_placed(question: str, known_text: str) -> str | None:
    """The institution ``question`` describes by a town no document names (« l'école
    d'ingénieurs de Mulhouse »), as written, or None: « l'école de Verkor » or « l'IUT de
    Lille » may be a programme's; a town the documents never name is no programme's."""
    for match in _PLACED.finditer(question):
        town = fold(match.group("town"))
        if not re.search(rf"\b{re.escape(town)}\b", known_text):
            return match.group().strip()
    return None


#: A programme's own name after its kind (« le programme HydroForm »), or a name ending in
#: an English institution word (« la CyberAlp Academy »): capitalised, as names are.
_PROGRAMME_NAME = re.compile(
    r"(?i:\b(?:programme|projet|dispositif|consortium|cluster|laureat|lauréat))\s+"
    r"(?:«\s*)?(?P<name>[A-Z][\w'’@-]*[a-z][\w'’@-]*(?:\s+[A-Z][\w'’@-]+)*|[A-Z]{4,}\b)|"
    r"(?P<english>(?:[A-Z][\w'’-]+\s+){1,3}(?:Academy|School|Lab|Hub|Factory|Institute))\b|"
    # « le lauréat CMA « AgriNova Compétences » »: a name written in quotes.
    r"«\s*(?P<quoted>[A-Z][\w'’@-]*[a-z][\w'’@-]*(?:\s+[\w'’@-]+){0,4})\s*»"
)


def programme_names(question: str) -> list[str]:
    """The names written after a programme's kind (« le programme MAGMA »), or in quotes."""
    return [
        (m.group("name") or m.group("english") or m.group("quoted")).strip()
        for m in _PROGRAMME_NAME.finditer(question)
    ]


def unknown_programme(question: str, known_text: str) -> str | None:
    """A programme name (« le programme HydroForm de Lorient », « la CyberAlp Academy »)
    that no document holds, as written, or None."""
    for name in programme_names(question):
        first = fold(re.split(r"\s+", name)[0]).strip("'’")
        if not re.search(rf"\b{re.escape(first)}\b", known_text):
            return name
    return None


def _name_from(question: str, start: int) -> str:
    """The name starting at ``start``: its head, its first word, then capitalised words
    and words after a connector (« École du nucléaire de Brive-la-Gaillarde »)."""
    rest = question[start:]
    kept: list[str] = []
    own_word = False
    pending: list[str] = []
    for match in re.finditer(r"[\w-]+['’]?|\S", rest):
        token = match.group()
        bare = fold(token.rstrip("'’"))
        if not kept:
            kept.append(token)
            continue
        if bare in _CONNECTORS:
            pending.append(token)
            continue
        if not own_word and token[0].isalpha():
            kept += [*pending, token]
            pending, own_word = [], True
            continue
        if token[0].isupper() or (pending and token[0].isalpha()):
            kept += [*pending, token]
            pending = []
            continue
        break
    return re.sub(r"(['’]) ", r"\1", " ".join(kept))
