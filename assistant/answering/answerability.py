"""Answerability: what a question asks for, and whether the documents hold it.

A question has a *focus* (what is asked: a salary, a course length, enrolment dates, a
contact…) and an expected *kind* of answer (an amount, a duration, a date, a yes/no…). A
sentence answers only if it holds that focus (its evidence pattern) — a nearby sentence
about the same programme, with a number in it, is not an answer. When no sentence of the
documents holds the focus, the assistant says exactly what is missing.

The step also judges whether the question is about the collection at all, from signals
that hold on any collection (no word list of this corpus): retrieval's best dense and
lexical scores, whether the question names a programme or place of the catalogue, whether
it names one of its sectors, and how much of the question's content words (weighted by how
telling they are, IDF) the best passage holds. One logistic score,
:func:`domain_probability`, combines them; its weights are fitted on the tuning data only
(``assistant tune --answerability``, ``docs/answerability.md``).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from assistant.retrieval.base import DENSE_FLOOR, DENSE_SPAN, LEXICAL_FULL
from assistant.text.folding import fold
from assistant.text.tokens import tokenize

if TYPE_CHECKING:
    from assistant.index.lexical import LexicalIndex
    from assistant.retrieval.base import RetrievalResult

Kind = Literal["amount", "count", "date", "duration", "place", "organisation", "yesno", "text"]

#: Fitted weights of :func:`domain_probability` (``assistant tune answerability``).
CALIBRATION_FILE = Path(__file__).with_name("calibration.json")


@dataclass(frozen=True)
class Focus:
    """One thing a question can ask about a programme that its document may not give."""

    key: str
    #: What is missing, as it reads after « ne précise pas » (« le salaire des métiers visés »).
    label: str
    kind: Kind
    ask: re.Pattern[str]
    evidence: re.Pattern[str]
    #: Sentences worth showing when the focus is missing (« the project runs for 5 years »
    #: when the course length is asked), or None.
    related: re.Pattern[str] | None = None


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_COURSE = r"(formations?|cursus|cours|parcours|modules?|stages?|cycles?|apprentissage|programmes?)"

#: Foci in order of precedence (the first whose question pattern matches wins).
FOCI: tuple[Focus, ...] = (
    Focus(
        "handicap",
        "l'accueil des personnes en situation de handicap",
        "yesno",
        _re(r"handicap|\bpmr\b|mobilite reduite"),
        _re(r"handicap|\bpmr\b|mobilite reduite"),
    ),
    Focus(
        "salaire",
        "le salaire ou la rémunération des métiers visés",
        "amount",
        _re(
            r"salaires?\b|remunere|remuneration|\bgagne(nt|r|s)?\b|combien .{0,30}(touche|paye)|"
            r"\brevenus?\b|\bsmic\b|(brut|net) (par|mensuel)|fiche de paie"
        ),
        _re(
            r"salaire|remunere|remuneration|\bbrut\b|net par mois|par mois|\bsmic\b|grille salariale"
        ),
    ),
    Focus(
        "taux_insertion",
        "le taux d'insertion professionnelle des personnes formées",
        "count",
        _re(
            r"taux (d'insertion|de reussite|d'emploi|de placement)|insertion professionnelle|"
            r"(trouve|decroche)\w* (un |du )?(emploi|travail|job|poste)|"
            r"(emploi|travail|poste|embauche)\w* .{0,30}apres (la|leur|sa) formation|"
            r"combien .{0,40}(en emploi|embauche)\w* .{0,30}apres"
        ),
        _re(
            r"taux d'insertion|taux de reussite|taux d'emploi|insertion professionnelle de|"
            r"\d+ ?%.{0,40}(emploi|embauch|insertion|diplome)|(trouv|decroch)\w* (un )?emploi"
        ),
    ),
    Focus(
        "contact",
        "de contact (téléphone ou adresse électronique)",
        "text",
        _re(
            r"\bcontact\w*|telephone|numero (de|du|pour)|\bjoindre\b|\be-?mail\b|\bmail\b|"
            r"courriel|adresse (postale|mail|electronique|e-mail)|\bappeler\b|interlocuteur|"
            r"\breferent\b|qui (dois-je|faut-il|puis-je) (contacter|appeler|ecrire)"
        ),
        _re(r"[\w.+-]+@[\w-]+\.\w|(\+33 ?\d|\b0\d)([ .]?\d\d){4}\b|telephone|courriel|contact ?:"),
    ),
    Focus(
        "hebergement",
        "les possibilités d'hébergement des apprenants",
        "yesno",
        _re(
            r"hebergement|heberge|internat|\blogement|\bloge(r|s|e|es)?\b|\bdormir\b|residence etudiante"
        ),
        _re(r"hebergement|internat|logement|residence etudiante"),
    ),
    Focus(
        "a_distance",
        "si les formations peuvent être suivies à distance",
        "yesno",
        _re(
            r"a distance|en ligne|distanciel|\bvisio|e-?learning|\bmooc\b|depuis chez (moi|soi|eux)|"
            r"sans se deplacer"
        ),
        _re(r"a distance|en ligne|distanciel|e-?learning|\bmooc\b|hybride"),
    ),
    Focus(
        "age_minimum",
        "les conditions d'âge pour entrer en formation",
        "count",
        _re(
            r"\bage\b|\bages?\b (minimum|maximum|requis|limite)|quel age|limite d'age|trop (vieux|jeune|age)|"
            r"\bmineurs?\b|a partir de (quel|combien d')|\bdes \d+ ans\b|\d+ ans (minimum|ou plus)|"
            r"(jeune|personne|eleve|enfant|adolescent|senior)s? de \d+ ans|\ba \d+ ans\b"
        ),
        _re(
            r"\bage\b|\d+ ans (minimum|et plus|ou plus|au moins)|moins de \d+ ans|plus de \d+ ans|"
            r"a partir de \d+ ans|des \d+ ans|\bmineurs?\b|\d+ a \d+ ans"
        ),
    ),
    Focus(
        "places_restantes",
        "le nombre de places encore disponibles",
        "count",
        _re(
            r"places? (restantes?|disponibles?|libres?|vacantes?)|reste-t-il des places|places? .{0,20}\breste|"
            r"encore (des|de la) places?|\bcomplet(e|es|s)?\b|liste d'attente|deja pleins?"
        ),
        _re(r"places? (restantes?|disponibles?|libres?|vacantes?)|\bcomplet|liste d'attente"),
    ),
    Focus(
        "horaires",
        "les horaires ou le rythme des cours",
        "text",
        _re(
            r"horaires?|emploi du temps|a quelle heure|quels? jours?|planning|le soir|week-?end|"
            r"rythme (des|de la|du) (cours|formation|alternance)|temps partiel|cours du soir"
        ),
        _re(
            r"horaires?|emploi du temps|\d+ ?h ?\d* ?(a|-) ?\d+ ?h|du lundi|le soir|week-?end|rythme"
        ),
    ),
    Focus(
        "dates_inscription",
        "les modalités et les dates d'inscription",
        "date",
        _re(
            r"(date|quand|comment|ou|jusqu'a quand|periode|calendrier|delai|modalites?)\w* .{0,30}"
            r"(inscri|candidat|postul)|(inscriptions?|candidatures?) .{0,25}(ouv|ferm|commenc|debut|"
            r"limite|date|clos)|date limite|parcoursup|procedure d'(inscription|admission)|"
            r"dossier de (candidature|inscription)|s'inscrire\b.{0,20}\?|comment (candidater|postuler)"
        ),
        _re(r"inscri|candidat|postuler|date limite|parcoursup|admission"),
    ),
    Focus(
        "cout_apprenant",
        "le coût éventuel des formations pour les apprenants",
        "yesno",
        _re(
            r"gratuit|payant|(faut-il|dois-je|doit-on) payer|frais (d'inscription|de scolarite|de "
            r"formation|pedagogiques)|combien (coute|coutent) (la|une|les|ces) (formations?|cours)|"
            r"\bprix\b|\btarifs?\b|reste a (ma )?charge|mon cpf|compte personnel de formation|"
            r"cout (pour|a la charge de) (l'apprenant|les apprenants|moi|l'eleve|le stagiaire)"
        ),
        _re(
            r"gratuit|payant|frais d'inscription|frais de scolarite|frais pedagogiques|reste a charge|"
            r"\btarifs?\b|\bcpf\b|a la charge (de l'apprenant|des apprenants|du stagiaire)"
        ),
    ),
    Focus(
        "diplome",
        "le diplôme ou la certification délivrés",
        "text",
        _re(
            r"diplome|certification|certifiant|titre (professionnel|rncp)|quel (titre|certificat)|"
            r"(obtient|obtenir|decroche|delivre)\w*.{0,30}(a la fin|en fin|a l'issue|au terme)|"
            r"a l'issue de la formation"
        ),
        _re(
            r"diplome|certification|certifiant|titre professionnel|\brncp\b|\bbts\b|"
            r"\blicences?\b|\bmasters?\b|\bcap\b|bac pro|titre d'ingenieur|certificat|\bmba\b"
        ),
    ),
    Focus(
        "duree_formation",
        "la durée des formations",
        "duration",
        _re(
            r"(combien de (temps|mois|semaines|annees|ans|jours|heures)|en combien de|quelle (est la )?"
            r"duree|nombre d'heures|volume horaire|\bdure(nt)?\b|longueur).{0,60}"
            + _COURSE
            + r"|"
            + _COURSE
            + r".{0,40}(dure(nt)?\b|duree|combien de (temps|mois|semaines|heures))|"
            r"(termine|finit|boucle)\w* .{0,30}" + _COURSE + r".{0,20}en combien"
        ),
        _re(
            r"\b\d+ ?(heures|h|jours|semaines|mois)\b.{0,60}"
            + _COURSE
            + r"|"
            + _COURSE
            + r".{0,60}\b\d+ ?(heures|h|jours|semaines|mois)\b|duree (de la|des|d'une) formation"
        ),
        related=_re(r"\bsur \d+ ans\b|\d+ ans\b|horizon|jusqu'(en|a) 20\d\d|de 20\d\d a 20\d\d"),
    ),
)

_BY_KEY = {focus.key: focus for focus in FOCI}


def focus_of(question: str) -> Focus | None:
    """The focus a (standalone) question asks about, if it is one of :data:`FOCI`."""
    folded = fold(question)
    for focus in FOCI:
        if focus.ask.search(folded):
            return focus
    return None


def focus_by_key(key: str) -> Focus:
    return _BY_KEY[key]


def holds(focus: Focus, sentence: str) -> bool:
    """Whether ``sentence`` holds ``focus`` (and so can answer a question about it)."""
    return bool(focus.evidence.search(fold(sentence)))


def is_related(focus: Focus, sentence: str) -> bool:
    """Whether ``sentence`` says something close to ``focus`` worth showing with a refusal."""
    return focus.related is not None and bool(focus.related.search(fold(sentence)))


# --- is the question about this collection? --------------------------------------------------

#: Words that carry no subject: question words, politeness, « formation », « programme »…
_FILLER = (
    "bonjour merci svp stp plait pourriez pourrais voudrais aimerais souhaite souhaiterais "
    "savoir dire donner expliquer indiquer connaitre existe existent possible peux pouvez "
    "faut falloir dois doit quoi comment pourquoi quand combien quel quelle quels quelles "
    "lequel laquelle lesquels lesquelles est sont etre avoir fait faire ya t il elle ils "
    "programme programmes projet projets formation formations dispositif dispositifs "
    "france 2030 ami cma chose choses info infos information informations question"
)


@lru_cache(maxsize=1)
def _filler_tokens() -> frozenset[str]:
    return frozenset(tokenize(_FILLER))


def content_tokens(question: str, names: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Search tokens of ``question`` that carry its subject (names and filler removed)."""
    skip = set(_filler_tokens())
    for name in names:
        skip.update(tokenize(name))
    return [t for t in dict.fromkeys(tokenize(question)) if t not in skip and not t.isdigit()]


@dataclass(frozen=True)
class DomainSignals:
    """What tells whether a question is about the indexed collection."""

    #: IDF-weighted share of the content words that no indexed chunk holds (for logs: the
    #: fit gives it no weight once ``coverage`` is known, as unseen words are in no passage).
    unknown_share: float
    #: Retrieval's own 0-1 confidence (best cosine similarity and best BM25 score, each
    #: clipped to 0-1), for logs.
    retrieval: float
    #: Whether the question names a programme of the catalogue, a generic scheme, or a
    #: region where the catalogue has programmes.
    named: bool
    #: IDF-weighted share of the content words that the best passage holds (with its title
    #: and headings): low when the document that would answer is not in the collection.
    coverage: float = 1.0
    #: The content words the index has never seen.
    unknown: tuple[str, ...] = field(default_factory=tuple)
    #: Best cosine similarity on retrieval's scale (0 at ``DENSE_FLOOR``, 1 at
    #: ``DENSE_FLOOR + DENSE_SPAN``), not clipped: above 1 still tells a closer match.
    dense: float = 0.0
    #: Best BM25 score over ``LEXICAL_FULL``, not clipped.
    lexical: float = 0.0
    #: Whether the question names a sector of the catalogue (« voiture électrique »,
    #: « hydrogène »): weaker evidence than a name, as everyday questions share it.
    sector: bool = False
    #: How far the best document's cosine stands above the next document's, on the same
    #: scale as ``dense``: small when several neighbours of a missing document tie.
    margin: float = 0.0
    #: The IDF of the rarest content word (known to the index) that the best document's
    #: retrieved passages lack, over the IDF of the question's rarest word; 0 when they
    #: hold every known word. High when the question's telling word is elsewhere only.
    rarest_missing: float = 0.0

    def features(self) -> list[float]:
        """What the score is fitted on (:data:`FEATURES`, in this order)."""
        return [
            self.dense,
            self.lexical,
            float(self.named),
            float(self.sector),
            self.coverage,
            self.margin,
            self.rarest_missing,
        ]


#: Names of :meth:`DomainSignals.features`, as written in ``calibration.json``.
FEATURES = ("dense", "lexical", "named", "sector", "coverage", "margin", "rarest_missing")


def _margin(retrieval: RetrievalResult) -> float:
    """Best document's cosine minus the second document's, over ``DENSE_SPAN``."""
    best: dict[str, float] = {}
    for p in retrieval.passages:
        best[p.doc_id] = max(best.get(p.doc_id, p.dense), p.dense)
    top = sorted(best.values(), reverse=True)
    return round((top[0] - top[1]) / DENSE_SPAN, 4) if len(top) > 1 else 0.0


def domain_signals(
    question: str,
    retrieval: RetrievalResult,
    lexical: LexicalIndex,
    *,
    names: list[str] | tuple[str, ...] = (),
    named: bool = False,
    sector: bool = False,
) -> DomainSignals:
    """Measure :class:`DomainSignals` for ``question`` against the index."""
    scores = {
        "dense": round((retrieval.dense_top - DENSE_FLOOR) / DENSE_SPAN, 4),
        "lexical": round(retrieval.lexical_top / LEXICAL_FULL, 4),
        "sector": sector,
        "margin": _margin(retrieval),
    }
    tokens = content_tokens(question, names)
    if not tokens:
        return DomainSignals(0.0, retrieval.confidence, named, **scores)
    weights = {t: lexical.idf(t) for t in tokens}
    total = sum(weights.values()) or 1.0
    unknown = tuple(t for t in tokens if not lexical.knows(t))
    share = sum(weights[t] for t in unknown) / total
    passages = retrieval.passages
    best = set(tokenize(passages[0].chunk.index_text)) if passages else set()
    coverage = sum(w for t, w in weights.items() if t in best) / total
    top_doc = passages[0].doc_id if passages else None
    held = {t for p in passages if p.doc_id == top_doc for t in tokenize(p.chunk.index_text)}
    lacking = [weights[t] for t in tokens if t not in held and t not in unknown]
    rarest = max(weights.values())
    missing = max(lacking) / rarest if lacking and rarest > 0 else 0.0
    return DomainSignals(
        round(share, 4),
        retrieval.confidence,
        named,
        round(coverage, 4),
        unknown,
        rarest_missing=round(missing, 4),
        **scores,
    )


@lru_cache(maxsize=1)
def _weights() -> tuple[float, ...]:
    """Intercept then one weight per feature of :meth:`DomainSignals.features`."""
    try:
        data = json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))
        if tuple(data["domain"]["features"]) == FEATURES:
            return tuple(float(w) for w in data["domain"]["weights"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return (-6.0, 3.0, 1.0, 2.5, 0.5, 2.5, 1.0, -1.0)  # rough defaults until (re)fitted


def domain_probability(signals: DomainSignals) -> float:
    """Calibrated probability that the collection covers the question's subject."""
    w = _weights()
    z = w[0] + sum(wi * xi for wi, xi in zip(w[1:], signals.features(), strict=False))
    return 1.0 / (1.0 + math.exp(-z))
