"""« Qui… ? » questions: the answer names someone the question does not.

« Qui a signé la convention de Quant4CVL ? » is not answered by « la convention a été
signée le 26 mars 2025 » (it holds the question's words and no signatory), nor « Qui
soutient REMED en plus de l'État ? » by the State's share. A sentence answers a « qui »
question only if it holds a name (an organisation, a person, an acronym) that is neither
in the question, nor the programme's own name, nor a place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol, TypeVar

from assistant.answering.question import ANY_OFFICE_WORDS, WHICH_PERSON
from assistant.answering.slots import NOT_PUBLISHED
from assistant.text.folding import fold, strip_accents

if TYPE_CHECKING:
    from assistant.answering.question import QuestionInfo
    from assistant.answering.quotes import Quote
    from assistant.catalog import Catalog


class Candidate(Protocol):
    """A scored sentence (:class:`~assistant.answering.ranking.Scored`)."""

    @property
    def quote(self) -> Quote: ...

    @property
    def lexical(self) -> float: ...


C = TypeVar("C", bound=Candidate)

#: Offices a sentence does not write before the name (« Alain Rousset, président de la
#: Région », not « le responsable politique Alain Rousset »): any person named answers.
_ANY_OFFICE = re.compile(rf"^(?:{ANY_OFFICE_WORDS})$")
#: The word a sentence names the office with, where the question words it otherwise.
_OFFICE_WORD = {"membre du gouvernement": "minist", "membres du gouvernement": "minist"}
#: A capitalised word or an acronym (« Banque », « CARA », « Lamri »).
_NAME = re.compile(r"\b[A-ZÀÂÉÈÊÎÔÛÇ][\w’'-]*")
#: Capitalised words that name no one.
_NOT_NAMES_TEXT = (
    "Le La Les L Un Une Des Du De Il Elle Ils Elles Ce Cette Ces Son Sa Ses Leur Leurs "
    "Pour Avec Selon Dans Sur En Au Aux Par Et Mais Ou Côté Parmi Depuis Après Avant "
    "Lors Entre Plus Moins Horizon Porteur Pilotage Opérateur Budget Partenaires "
    "France 2030 AMI CMA Compétences Métiers Avenir"
)
_NOT_NAMES = frozenset(fold(_NOT_NAMES_TEXT).split(" "))


#: A sentence saying who leads (« dirigé par », « le pilotage revient à », « responsable
#: du programme »), not a name holding such a word (« Lycée pilote innovant »).
_LEADS = re.compile(
    r"\b(dirig|port|pilot|coordonn|men|anim|presid)(e|ee|es|ees) par\b|\bporteur\b|\bpilotage\b|"
    r"\bresponsable (du|de la|des)\b|\ba la tete\b"
)


#: A question about who leads (« qui est responsable du programme ? »).
_LEADING_ASK = r"\bresponsable\b|\bdirig|\bpilot"
_LEAD_ASK = re.compile(rf"{_LEADING_ASK}|\bport(e|ent)\b|\bporteur")


@lru_cache(maxsize=256)
def _acronyms(text: str) -> frozenset[str]:
    """The initials of each run of capitalised words in ``text``, folded: « l'Institut
    Mines-Télécom » also names the « IMT » a sentence writes after it. Cached: one
    question is compared with many sentences."""
    found = set()
    for run in _CAPITALISED_RUN.finditer(text):
        initials = "".join(w[0] for w in re.findall(r"[A-ZÀ-Ý][\w’']*", run.group()))
        if len(initials) >= 2:
            found.add(fold(initials))
    return frozenset(found)


#: Capitalised words in a row, hyphens and « de », « du », « des », « et » between them.
_CAPITALISED_RUN = re.compile(r"[A-ZÀ-Ý][\w’']*(?:(?:-| | de | du | des | et )[A-ZÀ-Ý][\w’']*)+")


def new_names(text: str, question: str, known: Iterable[str] = ()) -> list[str]:
    """Names in ``text`` that are neither in ``question`` (nor the initials of its names)
    nor among ``known`` (the programme's names, the catalogue's places), folded."""
    asked = set(re.findall(r"[\w-]+", fold(question))) | _acronyms(question)
    skip = set(_NOT_NAMES)
    for phrase in known:
        skip.update(re.findall(r"[\w-]+", fold(phrase)))
    names = []
    for match in _NAME.finditer(text):
        word = fold(match.group().strip("’'-"))
        for piece in re.findall(r"[\w-]+", word):
            if piece not in asked and piece not in skip and len(piece) > 1:
                names.append(piece)
    return names


def naming(info: QuestionInfo, scored: Sequence[C], catalog: Catalog) -> C | None:
    """The best of ``scored`` (one document's sentences, best first) that shares a word
    with the question and names someone it does not (not the document's own names, nor a
    place, nor a value said to be unpublished)."""
    # « Quel recteur… ? »: every naming sentence competes, and one naming the office
    # (« Le recteur Olivier Dugrip… ») comes before one naming others.
    office = WHICH_PERSON.search(fold(info.text))
    word = _OFFICE_WORD.get(office.group(1), office.group(1)[:6]) if office else None
    if office and _ANY_OFFICE.match(office.group(1)):
        word = None
    found: list[C] = []
    for item in scored:
        text = item.quote.text
        if item.lexical <= 0 or NOT_PUBLISHED.search(fold(text)):
            continue
        doc = item.quote.chunk.doc_id
        known = [*catalog.name_forms(doc), *catalog.regions(), *catalog.cities_in(text)]
        if new_names(text, info.text, known):
            found.append(item)
            if len(found) == _NAMING_POOL and not office:
                break
    # Of the first few, the one holding most of the question's words (« présenté aux
    # recteurs… par Carole Grandjean » before « l'État et les Régions ont ouvert… »).

    # « Qui dirige le campus… ? »: one saying who leads (« dirigé par ») before others.
    role = _LEADS if info.slot == "lead" or _LEAD_ASK.search(fold(info.text)) else None
    if role is None and _WITH_ASK.search(fold(info.text)):
        # « Qui accompagnait le recteur ? »: one naming who came with (« avec l'UIMM »).
        role = _WITH

    def rank(item: C) -> tuple[bool, bool, float]:
        if word is None:
            leads = role is not None and bool(role.search(fold(item.quote.text)))
            return (leads, False, item.lexical)
        text = strip_accents(item.quote.text)
        named = re.search(rf"\b(?i:{word})\w*\s+[A-Z]", text)
        return (bool(named), word in text.lower(), item.lexical)

    return max(found, key=rank, default=None)


#: A question on who came with someone (« qui accompagnait… ? »), and what answers it.
_WITH_ASK = re.compile(r"\baccompagn|\bavec qui\b|\baux cotes de qui\b")
_WITH = re.compile(r"\bavec\b|\baccompagn|\baux cotes d|\ben presence d")
#: How many naming sentences (best first) compete on the question's words.
_NAMING_POOL = 3


#: « Qui est le responsable… ? », « qui dirige… ? »: a person leading (not « qui porte »).
_PERSON_LEAD_ASK = re.compile(rf"{_LEADING_ASK}|\bdirect(eur|rice)s?\b")
#: « Qui est la personne qui coordonne… ? »: a person, whatever the verb of leading.
_PERSON_ASK = re.compile(
    r"\b(?:la|quelle|une) personne\b|"
    r"\ble nom du (?:responsable|directeur|coordinateur|chef)\b|\ble nom de la (?:directrice|coordinatrice)\b"
)
#: The verbs of leading a person-question may use (« qui coordonne », « qui anime »).
_ANY_LEAD_VERB = re.compile(r"\bcoordon|\banim|\bport|\bmene|\bgere|\bchapeaut")


def carrier_only(info: QuestionInfo, scored: Sequence[C], catalog: Catalog) -> C | None:
    """The sentence saying who leads, when it names only what the question already does
    and no sentence of ``scored`` (one document's, best first) names someone else leading.

    « C'est qui le responsable de PEGASE à l'Université de Toulouse ? » asks for a person
    in the carrier the question names; « PEGASE : Université de Toulouse (porteur) » does
    not answer it, and the fiche names no one else."""
    folded = fold(info.text)
    person = _PERSON_ASK.search(folded) and _ANY_LEAD_VERB.search(folded)
    if not (_PERSON_LEAD_ASK.search(folded) or person):
        return None
    known_only: list[C] = []
    parts_of: dict[str, list[str]] = {}  # per document: the laureates the question names
    for item in scored:
        text = item.quote.text
        doc = item.quote.chunk.doc_id
        # Of a group, only the sentences about the laureate asked (« PEGASE : … »).
        if doc not in parts_of:
            parts_of[doc] = catalog.part_names_in(doc, folded)
        parts = parts_of[doc]
        if not _LEADS.search(fold(text)) or (parts and not any(p in fold(text) for p in parts)):
            continue
        known = [*catalog.name_forms(doc), *catalog.regions(), *catalog.cities_in(text)]
        if new_names(text, info.text, known):
            if not person or _PERSON_NAME.search(text):
                return None
            continue  # « la personne qui coordonne »: an organisation named is no one
        if item.lexical > 0:
            known_only.append(item)
    return known_only[0] if known_only else None


#: Words that start an organisation's name, not a person's (« École nationale… »).
_ORGANISATION_WORDS = (
    "Université|École|Ecole|Institut|Région|Campus|Centre|Pôle|Maison|Banque|Caisse|Conseil|"
    "Groupe|Agence|Fédération|Syndicat|Lycée|Académie|Ministère|Chambre|Association|Société|"
    "Plateforme|Réseau|Union|France|Saint|Sainte|Grand|Nouvelle|Haute|Hauts|Pays|Île|Val|"
    "Métropole|Rectorat|Le|La|Les|Un|Une|Des|Du|De|Au|Aux|En|Il|Elle"
)
#: A person's first and last names (« Somalina Pa », « Émilie Rondet »): two capitalised
#: words, neither an organisation's word nor an article (« Rennes Métropole », « La Région »).
_PERSON_NAME = re.compile(
    rf"\b(?!(?:{_ORGANISATION_WORDS})\b)[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)? "
    rf"(?:(?:de |du |d'|Le |La )?(?!(?:{_ORGANISATION_WORDS})\b)[A-ZÀ-Ý][a-zà-ÿ'’-]+)"
)
