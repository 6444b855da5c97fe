"""Generated probe sets: questions the answer pipeline was never tuned on.

Every generator is deterministic (choices come from a hash of stable keys, never from a
random state) and reads only the Markdown corpus (PyYAML + pathlib, independent of
:mod:`assistant.ingest.documents`) and the vendored Service-Public benchmark in ``corpus/qa/spf``.

- :func:`generate_missing_attribute`: in-domain questions about a programme that its
  document (and every other document naming it) does not answer: must be refused.
- :func:`generate_off_domain`: Service-Public questions and everyday off-topic questions,
  asked of the France 2030 corpus: must be refused.
- :func:`generate_reverse_off_domain`: France 2030 questions asked of the Service-Public
  collection: must be refused.
- :func:`generate_missing_document`: Service-Public questions asked of that collection
  minus the fiche that answers them (``removed``): must be refused.
- :func:`generate_false_premise`: a single-region programme placed in another region: the
  answer must correct the premise and name the real region.
- :func:`generate_place_listing` and :func:`generate_superlatives`: answerable questions
  built from the front matter (programmes of a city's region, rankings by amount).

``python -m assistant.bench.probes --out corpus/qa/probes`` rewrites every file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "ATTRIBUTES",
    "CITY_REGIONS",
    "HANDWRITTEN_OFF_DOMAIN",
    "SPF_RELATED_FICHES",
    "Attribute",
    "attribute_evidence",
    "dumps_jsonl",
    "evidence_text",
    "generate_all",
    "generate_false_premise",
    "generate_missing_attribute",
    "generate_missing_document",
    "generate_off_domain",
    "generate_place_listing",
    "generate_reverse_off_domain",
    "generate_superlatives",
    "load_records",
    "load_spf",
    "main",
    "write_all",
]

REPO = Path(__file__).resolve().parents[2]
CORPUS_DIR = REPO / "corpus"
QA_DIR = CORPUS_DIR / "qa"
SPF_DIR = QA_DIR / "spf"
SPF_QUESTIONS = "spf_qr_test.json"
SPF_DISTRACTORS = "best_fiche.json"

#: Front-matter kinds that describe one programme (not a scheme or a group of laureates).
PROGRAMME_KINDS = ("programme", "diagnostic", "autre-dispositif")
#: Kinds that train people (diagnostics only study needs): missing-attribute and place
#: questions are asked about these.
PLACE_KINDS = ("programme", "autre-dispositif")
#: The noun used in questions, by kind.
_NOUN = {"programme": "programme", "diagnostic": "projet", "autre-dispositif": "dispositif"}

Row = dict[str, Any]
Record = dict[str, Any]


# --- helpers -------------------------------------------------------------------------------


def _h(*parts: str) -> int:
    """A stable integer from ``parts`` (sha256), for deterministic choices."""
    return int(hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:12], 16)


def _pick(options: Sequence[str], *key: str) -> str:
    return options[_h(*key) % len(options)]


@lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    """Lowercase, accents removed, typographic apostrophes and spaces unified."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("\u202f", " "))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).lower()


def _row(
    row_id: str,
    question: str,
    *,
    kind: str,
    answerable: bool,
    expected: Sequence[str] = (),
    sources: Sequence[str] = (),
    qtype: str = "unanswerable",
    **extra: Any,
) -> Row:
    return {
        "id": row_id,
        "question": question,
        "expected": list(expected),
        "sources": list(sources),
        "answerable": answerable,
        "type": qtype,
        "history": [],
        "kind": kind,
        **extra,
    }


# --- corpus ----------------------------------------------------------------------------------


def load_records(corpus_dir: Path = CORPUS_DIR) -> list[Record]:
    """Front matter of every ``corpus_dir/*.md``, plus ``body`` (the Markdown after it)."""
    records: list[Record] = []
    for path in sorted(corpus_dir.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        if not lines or lines[0].strip() != "---":
            continue
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
        meta["body"] = "\n".join(lines[end + 1 :])
        records.append(meta)
    return records


def _names(record: Record) -> list[str]:
    names = [str(record.get("short_name") or ""), *map(str, record.get("aliases") or [])]
    return [n for n in names if len(n) >= 3]


def _mentions(text: str, names: Iterable[str]) -> bool:
    return _names_pattern(tuple(names)).search(_fold(text)) is not None


@lru_cache(maxsize=256)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(_fold(n)) for n in names) or r"(?!)"
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])")


def evidence_text(record: Record, records: Sequence[Record]) -> str:
    """Everything the corpus says about ``record``: its title and body, and every
    paragraph or list item of another document that names it."""
    parts = [str(record.get("title") or ""), str(record.get("body") or "")]
    names = _names(record)
    for other in records:
        if other.get("id") == record.get("id"):
            continue
        for block in re.split(r"\n\s*\n|\n(?=\s*[-*] )", str(other.get("body") or "")):
            if _mentions(block, names):
                parts.append(block)
    return "\n\n".join(parts)


# --- 1. in-domain questions the documents do not answer ------------------------------------


@dataclass(frozen=True)
class Attribute:
    """An attribute a learner may ask about, and how a document would give it.

    ``pattern`` matches (on accent-folded, lowercased text) anything that may answer the
    question, or make the answer doubtful: a match means no question is generated.
    Templates use ``{le}``, ``{du}``, ``{au}`` (``le programme X``…) and ``{filiere}``.
    """

    key: str
    label: str
    pattern: re.Pattern[str]
    templates: tuple[str, ...]


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


#: Patterns are written against :func:`_fold`-ed text (no accents, lowercase).
ATTRIBUTES: tuple[Attribute, ...] = (
    Attribute(
        "salaire",
        "salaire ou rémunération des métiers visés",
        _rx(
            r"salaire|remuner|\bbrut\b|\bnet par mois|par mois|\bsmic\b|\bgagn|"
            r"\d ?(?:€|euros?) (?:par|/) ?(?:mois|an)\b|\bpaye\b|\bpayes?\b"
        ),
        (
            "Combien gagne un technicien formé par {le} ?",
            "Quel salaire peut espérer une personne formée par {le} ?",
            "Quelle est la rémunération à l'embauche des métiers visés par {le} ?",
            "Quel est le salaire de départ dans la filière {filiere} après une formation {du} ?",
            "Combien est payé, brut par mois, un salarié qui sort d'une formation {du} ?",
        ),
    ),
    Attribute(
        "duree_formation",
        "durée d'une formation (pas l'horizon du projet)",
        _rx(
            r"\d+ ?(?:heures?|h)\b|\d+ ?(?:a \d+ ?)?(?:jours?|semaines?|mois)\b|"
            r"duree (?:de (?:la|chaque|leur)|des|d'une|du) (?:formations?|parcours|cursus|"
            r"modules?|stages?|apprentissage)|formations? (?:courtes?|longues?)|"
            r"parcours (?:de|d'un|en) \d|\bans? d'etudes|(?:en|sur) \d+ (?:ans|annees) "
            r"(?:de formation|d'etudes|d'alternance)"
        ),
        (
            "Combien de temps dure une formation suivie dans le cadre {du} ?",
            "Quelle est la durée d'un parcours de formation {du}, en heures ou en mois ?",
            "Une formation {du} dure combien de semaines ?",
            "En combien de mois un apprenant termine-t-il sa formation avec {le} ?",
        ),
    ),
    Attribute(
        "age_minimum",
        "âge minimum pour entrer en formation",
        _rx(
            r"\bage[sd]?\b|\bagee?s?\b|\bde \d+ (?:a|-) ?\d+ ans\b|\bdes \d+ ans\b|"
            r"a partir de \d+ ans|(?:moins|plus) de \d+ ans\b|\d+ ans (?:minimum|et plus|revolus)|"
            r"\bmineurs?\b|\bmajeurs?\b|collegien|\bcollege|\d+ ?- ?\d+ ans\b"
        ),
        (
            "Quel âge minimum faut-il avoir pour suivre une formation {du} ?",
            "À partir de quel âge peut-on s'inscrire à une formation {du} ?",
            "Y a-t-il une limite d'âge pour entrer dans une formation {du} ?",
            "Un jeune de 15 ans peut-il être accepté dans une formation {du} ?",
        ),
    ),
    Attribute(
        "cout_apprenant",
        "coût pour l'apprenant, gratuité",
        _rx(
            r"gratuit|\bfrais\b|cout pour|\bcoute\b|payant|reste a charge|tarif|\bcpf\b|"
            r"compte personnel de formation|prise en charge|pris en charge|bourse|"
            r"financ\w* (?:des|les|leurs?|la|sa|de la|d'une) (?:formations?|parcours|cursus)|"
            r"€ par (?:apprenant|stagiaire|personne|eleve|etudiant)|\bprix\b"
        ),
        (
            "Combien coûte une formation {du} pour l'apprenant ?",
            "Les formations proposées par {le} sont-elles gratuites pour les stagiaires ?",
            "Faut-il payer des frais d'inscription pour suivre une formation {du} ?",
            "Quel est le reste à charge d'un stagiaire qui suit une formation {du} ?",
        ),
    ),
    Attribute(
        "dates_inscription",
        "dates ou période d'inscription",
        _rx(
            r"inscri|candidat|admission|parcoursup|rentree|recrut|postuler|\bsessions?\b|"
            r"selection des (?:apprenants|stagiaires|eleves|etudiants)"
        ),
        (
            "Quelles sont les dates d'inscription aux formations {du} ?",
            "Jusqu'à quand peut-on s'inscrire à une formation {du} ?",
            "Quand ouvrent les candidatures pour entrer dans une formation {du} ?",
            "À quelle date commence la prochaine période d'inscription {du} ?",
        ),
    ),
    Attribute(
        "taux_insertion",
        "taux d'insertion ou d'emploi à la sortie",
        _rx(
            r"insertion|taux d'emploi|trouv\w* (?:un |leur )?(?:emploi|travail|poste)|debouch|"
            r"embauch|placement|taux de reussite|\d+ ?% des (?:diplomes|apprenants|stagiaires|"
            r"personnes|jeunes|formes|eleves|etudiants|sortants)|devenir des"
        ),
        (
            "Quel est le taux d'insertion professionnelle des personnes formées par {le} ?",
            "Combien de stagiaires {du} trouvent un emploi six mois après leur formation ?",
            "Quel pourcentage des diplômés {du} est embauché à la sortie ?",
            "Quelle part des apprenants formés par {le} a trouvé un travail dans "
            "la filière {filiere} ?",
        ),
    ),
    Attribute(
        "diplome",
        "diplôme ou certification délivrés",
        _rx(
            r"diplom|certifi|\btitres?\b|licence|master|\bbts\b|\bbut\b|\bcap\b|bac ?pro|"
            r"baccalaureat|doctorat|\brncp\b|qualifi|\bbac ?[+-] ?\d|ingenieur|"
            r"\bbac\b|badge|\bcqp\b|habilitation"
        ),
        (
            "Quel diplôme obtient-on à la fin d'une formation {du} ?",
            "Les formations {du} délivrent-elles un diplôme reconnu par l'État ?",
            "Quelle certification reçoit un apprenant qui termine un parcours {du} ?",
        ),
    ),
    Attribute(
        "contact",
        "numéro de téléphone ou adresse e-mail",
        _rx(
            r"telephone|\btel\b|courriel|e-?mail|\bmail\b|[\w.+-]+@[\w-]+\.[a-z]{2,}|"
            r"(?:\+33|\b0)[1-9](?:[ .-]?\d{2}){4}|\bcontact|\bjoindre|numero vert|standard"
        ),
        (
            "Quel est le numéro de téléphone {du} ?",
            "À quelle adresse e-mail peut-on écrire à l'équipe {du} ?",
            "Comment joindre les responsables {du} par téléphone ?",
            "Quel est le contact mail pour se renseigner sur les formations {du} ?",
        ),
    ),
    Attribute(
        "places_restantes",
        "nombre de places restantes",
        _rx(
            r"\bplaces\b|place (?:disponible|restante|libre|vacante)|\bcomplets?\b|"
            r"liste d'attente|capacite|promotions?\b|effectifs?\b|\bcohortes?\b"
        ),
        (
            "Combien de places reste-t-il dans les formations {du} ?",
            "Reste-t-il des places libres pour la prochaine session {du} ?",
            "Les formations {du} sont-elles déjà complètes pour la rentrée ?",
        ),
    ),
    Attribute(
        "hebergement",
        "hébergement des apprenants",
        _rx(
            r"heberg|logement|\bloge|\bloger|internat|residence|chambre|restauration|cantine|"
            r"foyer"
        ),
        (
            "Les stagiaires {du} peuvent-ils être logés sur place ?",
            "Un hébergement est-il proposé aux apprenants {du} ?",
            "Existe-t-il un internat pour les personnes en formation avec {le} ?",
        ),
    ),
    Attribute(
        "handicap",
        "accessibilité aux personnes handicapées",
        _rx(r"handicap|\bpmr\b|accessib|\brqth\b|inclusi|adapt"),
        (
            "Les formations {du} sont-elles accessibles aux personnes en situation de handicap ?",
            "Quels aménagements {le} prévoit-il pour les apprenants handicapés ?",
        ),
    ),
    Attribute(
        "horaires",
        "horaires et rythme des cours",
        _rx(
            r"horaire|emploi du temps|\b\d{1,2} ?h ?\d{0,2}\b|\bmatin|\bsoir|week-end|samedi|"
            r"dimanche|temps partiel|temps plein|cours du soir|rythme|alternance"
        ),
        (
            "Quels sont les horaires des cours {du} ?",
            "Les formations {du} ont-elles lieu le soir ou le week-end ?",
            "Quel est l'emploi du temps hebdomadaire d'un apprenant {du} ?",
        ),
    ),
    Attribute(
        "a_distance",
        "formation à distance ou en ligne",
        _rx(
            r"a distance|en ligne|distanciel|hybride|e-learning|\bmooc|plateforme|virtuel|"
            r"immersi|visio|numerique educatif|digital"
        ),
        (
            "Peut-on suivre les formations {du} entièrement à distance ?",
            "Les cours {du} sont-ils disponibles en ligne ?",
        ),
    ),
)

_ATTRIBUTES_BY_KEY = {a.key: a for a in ATTRIBUTES}


def attribute_evidence(attribute: Attribute | str, text: str) -> list[str]:
    """The passages of ``text`` that may answer ``attribute`` (empty: it is not given)."""
    attr = _ATTRIBUTES_BY_KEY[attribute] if isinstance(attribute, str) else attribute
    folded = _fold(text)
    return [folded[max(0, m.start() - 40) : m.end() + 40] for m in attr.pattern.finditer(folded)]


def _phrases(record: Record, *key: str) -> dict[str, str]:
    kind = str(record.get("kind"))
    noun = _NOUN.get(kind, "projet")
    if kind == "programme":
        noun = _pick(("programme", "projet"), str(record["id"]), *key, "noun")
    name = str(record["short_name"])
    sectors = [str(s) for s in record.get("sectors") or []] or ["concernée"]
    return {
        "le": f"le {noun} {name}",
        "du": f"du {noun} {name}",
        "au": f"au {noun} {name}",
        "filiere": sectors[0],
    }


def generate_missing_attribute(records: Sequence[Record]) -> list[Row]:
    """One question per (programme, attribute) that no document of ``records`` answers.

    Diagnostics are left out: they study needs and train nobody, so a question about their
    courses has a false premise rather than a missing attribute.
    """
    rows: list[Row] = []
    for record in records:
        if record.get("kind") not in PLACE_KINDS:
            continue
        doc_id = str(record["id"])
        text = evidence_text(record, records)
        for attr in ATTRIBUTES:
            if attribute_evidence(attr, text):
                continue
            template = _pick(attr.templates, doc_id, attr.key)
            question = template.format(**_phrases(record, attr.key))
            rows.append(
                _row(
                    f"gen-missing-{doc_id}-{attr.key}",
                    question,
                    kind="missing_attribute",
                    answerable=False,
                    sources=[doc_id],
                    focus=attr.key,
                )
            )
    return rows


# --- 2. off-domain questions -----------------------------------------------------------------

#: Everyday questions the France 2030 corpus must refuse; several share its words
#: (salaire, batterie, formation, budget, sécurité, hydrogène…).
HANDWRITTEN_OFF_DOMAIN: tuple[str, ...] = (
    "Quel temps fera-t-il à Lille ce week-end ?",
    "Comment réussir une pâte à crêpes sans grumeaux ?",
    "Comment sécuriser mon smartphone contre les logiciels espions ?",
    "Quel est le salaire d'un pilote de ligne ?",
    "Comment recharger la batterie de mon téléphone plus vite ?",
    "Quel est le budget de la France pour 2025 ?",
    "Comment choisir le sujet de ma thèse de médecine ?",
    "Quand dois-je envoyer ma déclaration d'impôts cette année ?",
    "Qui a gagné la dernière Coupe du monde de football ?",
    "Combien de temps faut-il cuire un œuf mollet ?",
    "Quelle voiture électrique a la meilleure autonomie en 2024 ?",
    "Comment changer le mot de passe de ma box internet ?",
    "Quelle est la capitale de l'Australie ?",
    "Comment soigner une entorse de la cheville ?",
    "Quels sont les horaires d'ouverture de la tour Eiffel ?",
    "Comment devenir influenceur sur les réseaux sociaux ?",
    "Combien coûte un abonnement annuel à la salle de sport ?",
    "Comment apprendre à jouer de la guitare en autodidacte ?",
    "Quelle est la recette de la ratatouille niçoise ?",
    "Comment fonctionne une pile à hydrogène dans une voiture, en détail technique ?",
    "Quel est le meilleur forfait mobile pas cher du moment ?",
    "Comment protéger mon ordinateur portable contre les virus ?",
    "Quel est le score du match PSG–OM d'hier soir ?",
    "Combien gagne un joueur de Ligue 1 en moyenne ?",
    "Comment préparer le concours d'entrée en école d'infirmiers ?",
    "Quelle formation de yoga choisir pour débuter ?",
    "Où partir en vacances au soleil en février ?",
    "Comment faire pousser des tomates sur un balcon ?",
    "Quel est le prix du litre d'essence aujourd'hui ?",
    "Comment écrire une lettre de motivation pour un job d'été ?",
    "Quelle est la meilleure batterie externe pour la randonnée ?",
    "Combien de calories contient une baguette de pain ?",
)


def load_spf(spf_dir: Path = SPF_DIR) -> tuple[list[Row], dict[str, str], dict[str, str]]:
    """Service-Public questions ``{fiche, question, answers}``, every fiche's text by id,
    and the titles of the fiches that have one (``best_fiche.json``).

    Fiches come from both files; a fiche id is ``title`` in ``spf_qr_test.json`` and ``id``
    in ``best_fiche.json`` (texts of the same id are joined).
    """
    questions: list[Row] = []
    fiches: dict[str, list[str]] = {}
    titles: dict[str, str] = {}
    for name in (SPF_QUESTIONS, SPF_DISTRACTORS):
        data = json.loads((spf_dir / name).read_text(encoding="utf-8"))
        for article in data["data"]:
            fiche = str(article.get("id") or article["title"])
            if article.get("id"):
                titles[fiche] = str(article.get("title", ""))
            for paragraph in article.get("paragraphs", []):
                fiches.setdefault(fiche, []).append(str(paragraph.get("context", "")))
                if name != SPF_QUESTIONS:
                    continue
                for qa in paragraph.get("qas", []):
                    text = str(qa.get("question", "")).strip()
                    if text:
                        answers = [str(a.get("text", "")) for a in qa.get("answers", [])]
                        questions.append({"fiche": fiche, "question": text, "answers": answers})
    return questions, {k: "\n\n".join(v) for k, v in fiches.items()}, titles


def generate_off_domain(spf_questions: Sequence[Row]) -> list[Row]:
    """Service-Public questions, then the handwritten ones: all refused by the corpus."""
    rows = [
        _row(
            f"offdomain-spf-{q['fiche']}",
            q["question"],
            kind="off_domain",
            answerable=False,
            source="spf_qr_test",
        )
        for q in spf_questions
    ]
    rows += [
        _row(
            f"offdomain-hand-{i:02d}",
            question,
            kind="off_domain",
            answerable=False,
            source="handwritten",
        )
        for i, question in enumerate(HANDWRITTEN_OFF_DOMAIN, 1)
    ]
    return rows


def generate_reverse_off_domain(splits: dict[str, Sequence[Row]]) -> list[Row]:
    """Answerable France 2030 questions without history, to be refused by the SPF index."""
    rows: list[Row] = []
    for split_name, qa_rows in splits.items():
        for qa in qa_rows:
            if not qa.get("answerable") or qa.get("history"):
                continue
            rows.append(
                _row(
                    f"reverse-{qa['id']}",
                    qa["question"],
                    kind="off_domain_reverse",
                    answerable=False,
                    collection="spf",
                    origin=split_name,
                )
            )
    return rows


#: Service-Public fiches whose question another fiche of the collection also (partly)
#: answers, found by reading the 105 questions: PTZ, weapons, tax stamps, electoral rolls,
#: leasing and registration certificates, driving licence, car insurance, unemployment
#: benefit, pensions, limitation periods.
SPF_RELATED_FICHES = frozenset(
    {
        *("F113", "F1529", "F2252", "F33639", "F33227", "F33071", "F34809", "F32888"),
        *("F34780", "F34377", "F32233", "F16868", "F1925", "F13609", "F33352", "F2632"),
        *("F2706", "F2694", "F89", "F2064", "F2574", "F35063", "F35124", "F31982", "F479"),
        "F34645",
    }
)
_SPF_STOP = frozenset(
    [
        "quel",
        "quelle",
        "quels",
        "quelles",
        "comment",
        "peut",
        "pour",
        "dans",
        "avec",
        "quoi",
        "sont",
        "etre",
        "faire",
        "quand",
        "avoir",
        "cette",
        "votre",
        "vous",
        "leur",
        "plus",
        "elle",
        "elles",
        "entre",
        "apres",
        "avant",
        "sans",
        "doit",
        "faut",
        "droit",
        "cas",
        "que",
        "qui",
        "est",
        "une",
        "des",
        "les",
        "par",
        "lors",
        "sert",
        "encore",
        "france",
    ]
)


def _spf_words(text: str) -> set[str]:
    """Content words of a Service-Public question, cut to 6 letters (a crude stem)."""
    words = re.findall(r"[a-z0-9]+", _fold(text))
    return {w[:6] for w in words if len(w) >= 3 and w not in _SPF_STOP}


def generate_missing_document(
    spf_questions: Sequence[Row],
    fiches: dict[str, str],
    fiche_titles: dict[str, str] | None = None,
    *,
    minimum_answer_chars: int = 8,
) -> list[Row]:
    """Service-Public questions that no fiche but their own answers, with it removed.

    A question is kept when: its answer span is long enough to be specific and occurs
    (after folding) in no other fiche; it shares fewer than two content words with every
    other question; no other fiche's title (``fiche_titles``) is made of its words; and
    its fiche is not in :data:`SPF_RELATED_FICHES`. Rows are ordered by a hash of the
    fiche id.
    """
    folded = {k: _fold(v) for k, v in fiches.items()}
    words = {q["fiche"]: _spf_words(q["question"]) for q in spf_questions}
    titles = {k: _spf_words(v) for k, v in (fiche_titles or {}).items()}
    kept: list[Row] = []
    for q in spf_questions:
        fiche = q["fiche"]
        answers = [_fold(a).strip() for a in q["answers"] if a.strip()]
        if fiche in SPF_RELATED_FICHES or not answers:
            continue
        if min(len(a) for a in answers) < minimum_answer_chars:
            continue
        if any(a in t for a in answers for k, t in folded.items() if k != fiche):
            continue
        if any(len(words[fiche] & w) >= 2 for k, w in words.items() if k != fiche):
            continue
        if any(t and t <= words[fiche] for k, t in titles.items() if k != fiche):
            continue
        kept.append(q)
    kept.sort(key=lambda q: _h("missing-document", q["fiche"]))
    return [
        _row(
            f"missing-doc-{q['fiche']}",
            q["question"],
            kind="missing_document",
            answerable=False,
            collection="spf",
            removed=[q["fiche"]],
        )
        for q in kept
    ]


# --- 3. false premises, places, superlatives -------------------------------------------------

#: Regions and how to say "in" them.
REGION_IN: dict[str, str] = {
    "Auvergne-Rhône-Alpes": "en Auvergne-Rhône-Alpes",
    "Bourgogne-Franche-Comté": "en Bourgogne-Franche-Comté",
    "Bretagne": "en Bretagne",
    "Centre-Val de Loire": "en Centre-Val de Loire",
    "Corse": "en Corse",
    "Grand Est": "dans le Grand Est",
    "Hauts-de-France": "dans les Hauts-de-France",
    "Île-de-France": "en Île-de-France",
    "Normandie": "en Normandie",
    "Nouvelle-Aquitaine": "en Nouvelle-Aquitaine",
    "Occitanie": "en Occitanie",
    "Pays de la Loire": "dans les Pays de la Loire",
    "Provence-Alpes-Côte d'Azur": "en Provence-Alpes-Côte d'Azur",
    "La Réunion": "à La Réunion",
}

#: Big French cities and their region (many are named by no document).
CITY_REGIONS: dict[str, str] = {
    "Lyon": "Auvergne-Rhône-Alpes",
    "Grenoble": "Auvergne-Rhône-Alpes",
    "Saint-Étienne": "Auvergne-Rhône-Alpes",
    "Clermont-Ferrand": "Auvergne-Rhône-Alpes",
    "Annecy": "Auvergne-Rhône-Alpes",
    "Dijon": "Bourgogne-Franche-Comté",
    "Besançon": "Bourgogne-Franche-Comté",
    "Belfort": "Bourgogne-Franche-Comté",
    "Rennes": "Bretagne",
    "Brest": "Bretagne",
    "Quimper": "Bretagne",
    "Lorient": "Bretagne",
    "Orléans": "Centre-Val de Loire",
    "Tours": "Centre-Val de Loire",
    "Bourges": "Centre-Val de Loire",
    "Ajaccio": "Corse",
    "Strasbourg": "Grand Est",
    "Metz": "Grand Est",
    "Nancy": "Grand Est",
    "Reims": "Grand Est",
    "Mulhouse": "Grand Est",
    "Lille": "Hauts-de-France",
    "Amiens": "Hauts-de-France",
    "Roubaix": "Hauts-de-France",
    "Valenciennes": "Hauts-de-France",
    "Paris": "Île-de-France",
    "Versailles": "Île-de-France",
    "Saint-Denis": "Île-de-France",
    "Caen": "Normandie",
    "Rouen": "Normandie",
    "Le Havre": "Normandie",
    "Cherbourg": "Normandie",
    "Bordeaux": "Nouvelle-Aquitaine",
    "Poitiers": "Nouvelle-Aquitaine",
    "Limoges": "Nouvelle-Aquitaine",
    "La Rochelle": "Nouvelle-Aquitaine",
    "Pau": "Nouvelle-Aquitaine",
    "Toulouse": "Occitanie",
    "Montpellier": "Occitanie",
    "Nîmes": "Occitanie",
    "Perpignan": "Occitanie",
    "Nantes": "Pays de la Loire",
    "Angers": "Pays de la Loire",
    "Le Mans": "Pays de la Loire",
    "Saint-Nazaire": "Pays de la Loire",
    "Marseille": "Provence-Alpes-Côte d'Azur",
    "Nice": "Provence-Alpes-Côte d'Azur",
    "Toulon": "Provence-Alpes-Côte d'Azur",
    "Avignon": "Provence-Alpes-Côte d'Azur",
}

_FALSE_REGION_TEMPLATES = (
    "Le {noun} {name} forme-t-il des jeunes {in_region} ?",
    "Combien de personnes le {noun} {name} doit-il former {in_region} ?",
    "Où se trouvent les centres de formation du {noun} {name} {in_region} ?",
    "Quels établissements participent au {noun} {name} {in_region} ?",
)
_FALSE_CITY_TEMPLATES = (
    "Quelles formations le {noun} {name} propose-t-il {a_city} ?",
    "Le {noun} {name} a-t-il un site de formation {a_city} ?",
    "J'habite {a_city} : puis-je suivre une formation du {noun} {name} près de chez moi ?",
    "Quel lycée {de_city} participe au {noun} {name} ?",
)


def _a_city(city: str) -> str:
    """``à`` + a city name (``au Mans``, ``à La Rochelle``)."""
    return "au " + city[3:] if city.startswith("Le ") else "à " + city


def _de_city(city: str) -> str:
    """``de`` + a city name (``du Havre``, ``d'Orléans``, ``de Lyon``)."""
    if city.startswith("Le "):
        return "du " + city[3:]
    return ("d'" if _fold(city[0]) in "aeiouy" else "de ") + city


def generate_false_premise(records: Sequence[Record]) -> list[Row]:
    """For every single-region programme, a question placing it in another region and one
    placing it in a city of another region; neither place is named in its evidence."""
    rows: list[Row] = []
    for record in records:
        regions = [str(r) for r in record.get("regions") or []]
        if record.get("kind") not in PROGRAMME_KINDS or len(regions) != 1:
            continue
        true_region = regions[0]
        if true_region == "National" or true_region not in REGION_IN:
            continue
        doc_id = str(record["id"])
        body = _fold(str(record.get("body") or ""))
        if _fold(true_region) not in body:
            continue  # the correction must be quotable from the document
        evidence = _fold(evidence_text(record, records))
        wrong_regions = sorted(
            (r for r in REGION_IN if r != true_region and _fold(r) not in evidence),
            key=lambda r: _h(doc_id, "region", r),
        )
        wrong_cities = sorted(
            (
                c
                for c, r in CITY_REGIONS.items()
                if r != true_region and _fold(c) not in evidence and _fold(r) not in evidence
            ),
            key=lambda c: _h(doc_id, "city", c),
        )
        kind = str(record.get("kind"))
        base = {"noun": _NOUN.get(kind, "projet"), "name": str(record["short_name"])}
        if wrong_regions:
            region = wrong_regions[0]
            template = _pick(_FALSE_REGION_TEMPLATES, doc_id, "region")
            rows.append(
                _row(
                    f"false-premise-{doc_id}-region",
                    template.format(**base, in_region=REGION_IN[region]),
                    kind="false_premise",
                    answerable=False,
                    expected=[true_region],
                    sources=[doc_id],
                    premise=region,
                )
            )
        if wrong_cities:
            city = wrong_cities[0]
            template = _pick(_FALSE_CITY_TEMPLATES, doc_id, "city")
            rows.append(
                _row(
                    f"false-premise-{doc_id}-city",
                    template.format(**base, a_city=_a_city(city), de_city=_de_city(city)),
                    kind="false_premise",
                    answerable=False,
                    expected=[true_region],
                    sources=[doc_id],
                    premise=city,
                )
            )
    return rows


#: Sectors asked about in place questions, with their article.
SECTOR_PHRASES: dict[str, str] = {
    "batteries": "les batteries",
    "automobile électrique": "l'automobile électrique",
    "cybersécurité": "la cybersécurité",
    "hydrogène": "l'hydrogène",
    "nucléaire": "le nucléaire",
    "numérique": "le numérique",
    "intelligence artificielle": "l'intelligence artificielle",
    "aéronautique": "l'aéronautique",
    "spatial": "le spatial",
    "santé numérique": "la santé numérique",
    "biomédicaments": "les biomédicaments",
    "bioproduction": "la bioproduction",
    "microélectronique": "la microélectronique",
    "électronique": "l'électronique",
    "recyclage": "le recyclage",
    "5G": "la 5G",
    "ferroviaire": "le ferroviaire",
    "industrie du futur": "l'industrie du futur",
    "décarbonation industrielle": "la décarbonation industrielle",
    "technologies quantiques": "les technologies quantiques",
    "naval": "le naval",
}

_PLACE_TEMPLATES = (
    "Quels projets France 2030 forment {a_sector} près {de_city} ?",
    "J'habite {a_city} : quelles formations France 2030 existe-t-il dans ma région pour {sector} ?",
    "Y a-t-il des programmes de formation France 2030 sur {sector} autour {de_city} ?",
    "Que propose France 2030 pour se former {a_sector} dans la région {de_city} ?",
)


def _a(phrase: str) -> str:
    """``à`` + a noun phrase with its article contracted (au, aux, à l', à la)."""
    if phrase.startswith("le "):
        return "au " + phrase[3:]
    if phrase.startswith("les "):
        return "aux " + phrase[4:]
    return "à " + phrase


def generate_place_listing(records: Sequence[Record]) -> list[Row]:
    """Questions "what exists near <city> in <sector>".

    Expected: every programme of the city's region (National-only schemes and diagnostics
    excluded) whose sectors include it. For each (region, sector), one city named by the
    documents and one that is not.
    """
    programmes = [r for r in records if r.get("kind") in PLACE_KINDS]
    doc_cities = {_fold(str(c)) for r in records for c in r.get("cities") or []}
    rows: list[Row] = []
    for region in REGION_IN:
        cities = [c for c, r in CITY_REGIONS.items() if r == region]
        for sector, phrase in SECTOR_PHRASES.items():
            matches = [
                r
                for r in programmes
                if region in (r.get("regions") or []) and sector in (r.get("sectors") or [])
            ]
            if not matches:
                continue
            named = sorted((c for c in cities if _fold(c) in doc_cities), key=lambda c: _h(c))
            unnamed = sorted((c for c in cities if _fold(c) not in doc_cities), key=lambda c: _h(c))
            for city in ([named[_h(region, sector) % len(named)]] if named else []) + (
                [unnamed[_h(sector, region) % len(unnamed)]] if unnamed else []
            ):
                template = _pick(_PLACE_TEMPLATES, city, sector)
                slug = re.sub(r"[^a-z0-9]+", "-", _fold(f"{city}-{sector}")).strip("-")
                rows.append(
                    _row(
                        f"place-{slug}",
                        template.format(
                            city=city,
                            a_city=_a_city(city),
                            de_city=_de_city(city),
                            sector=phrase,
                            a_sector=_a(phrase),
                        ),
                        kind="place_listing",
                        answerable=True,
                        expected=sorted(str(r["short_name"]) for r in matches),
                        sources=sorted(str(r["id"]) for r in matches),
                        qtype="list",
                        city=city,
                        region=region,
                        sector=sector,
                    )
                )
    return rows


def _state_aid(r: Record) -> int | None:
    return r.get("state_aid_eur")


def _budget(r: Record) -> int | None:
    return r.get("budget_total_eur")


def _people(r: Record) -> int | None:
    return (r.get("targets") or {}).get("people")


#: (id, question, metric, highest?, region or None).
SUPERLATIVE_QUESTIONS: tuple[tuple[str, str, str, bool, str | None], ...] = (
    (
        "aid-max-1",
        "Parmi les projets lauréats de l'AMI CMA, lequel est le mieux financé par l'État ?",
        "state_aid",
        True,
        None,
    ),
    (
        "aid-max-2",
        "Quel projet de formation de l'AMI CMA reçoit le plus d'argent de l'État ?",
        "state_aid",
        True,
        None,
    ),
    (
        "aid-max-3",
        "Quel lauréat de l'AMI « Compétences et métiers d'avenir » a obtenu la plus grosse "
        "subvention France 2030 ?",
        "state_aid",
        True,
        None,
    ),
    (
        "aid-max-4",
        "Quels sont les projets AMI CMA les mieux dotés par l'État ? Donne le premier.",
        "state_aid",
        True,
        None,
    ),
    (
        "aid-max-5",
        "À quel projet lauréat de l'AMI CMA l'État a-t-il versé l'aide la plus élevée ?",
        "state_aid",
        True,
        None,
    ),
    (
        "budget-max-1",
        "Quel projet lauréat de l'AMI CMA a le plus gros budget ?",
        "budget",
        True,
        None,
    ),
    (
        "budget-max-2",
        "Parmi les lauréats de l'AMI CMA, quel projet coûte le plus cher au total ?",
        "budget",
        True,
        None,
    ),
    (
        "budget-max-3",
        "Quel est le projet AMI CMA au budget total le plus élevé ?",
        "budget",
        True,
        None,
    ),
    (
        "budget-max-4",
        "Classe les lauréats de l'AMI CMA par budget total : lequel arrive en tête ?",
        "budget",
        True,
        None,
    ),
    (
        "budget-min-1",
        "Quel lauréat de l'AMI CMA a le plus petit budget total connu ?",
        "budget",
        False,
        None,
    ),
    (
        "budget-min-2",
        "Parmi les projets AMI CMA dont le budget est publié, lequel est le moins coûteux ?",
        "budget",
        False,
        None,
    ),
    (
        "budget-max-aura",
        "Quel est le projet AMI CMA d'Auvergne-Rhône-Alpes qui a le plus gros budget ?",
        "budget",
        True,
        "Auvergne-Rhône-Alpes",
    ),
    (
        "budget-min-aura",
        "En Auvergne-Rhône-Alpes, quel lauréat de l'AMI CMA a le plus petit budget connu ?",
        "budget",
        False,
        "Auvergne-Rhône-Alpes",
    ),
    (
        "budget-max-na",
        "En Nouvelle-Aquitaine, quel lauréat de l'AMI CMA dispose du budget le plus important ?",
        "budget",
        True,
        "Nouvelle-Aquitaine",
    ),
    (
        "people-max-na",
        "Quel projet AMI CMA de Nouvelle-Aquitaine veut former le plus de personnes ?",
        "people",
        True,
        "Nouvelle-Aquitaine",
    ),
    (
        "budget-max-occ",
        "En Occitanie, quel projet AMI CMA a le budget total le plus élevé ?",
        "budget",
        True,
        "Occitanie",
    ),
    (
        "aid-max-6",
        "Quel est le projet AMI CMA le plus subventionné par France 2030 ?",
        "state_aid",
        True,
        None,
    ),
    (
        "budget-max-5",
        "De tous les lauréats de l'AMI CMA, lequel représente l'investissement total le plus "
        "lourd ?",
        "budget",
        True,
        None,
    ),
    (
        "budget-min-3",
        "Quel projet lauréat de l'AMI CMA a le budget le plus modeste parmi ceux qui sont "
        "chiffrés ?",
        "budget",
        False,
        None,
    ),
    (
        "budget-max-occ-2",
        "Quel projet de formation France 2030 en Occitanie a le plus gros budget total ?",
        "budget",
        True,
        "Occitanie",
    ),
    (
        "budget-max-na-2",
        "Quel projet AMI CMA néo-aquitain a l'enveloppe totale la plus importante ?",
        "budget",
        True,
        "Nouvelle-Aquitaine",
    ),
)

_METRICS: dict[str, Callable[[Record], int | None]] = {
    "state_aid": _state_aid,
    "budget": _budget,
    "people": _people,
}


def _ranked(
    pool: Sequence[Record],
    value: Callable[[Record], int | None],
    highest: bool,
    region: str | None,
    *,
    strict: bool,
) -> list[Record]:
    """Records of ``pool`` with a ``value``, best first; for a region, those that list it
    (``strict``: those that list no other region besides National)."""

    def regions(r: Record) -> list[str]:
        return [str(x) for x in r.get("regions") or [] if x != "National"]

    chosen = [
        r
        for r in pool
        if value(r) is not None
        and (region is None or (regions(r) == [region] if strict else region in regions(r)))
    ]
    return sorted(chosen, key=lambda r: value(r) or 0, reverse=highest)


def generate_superlatives(records: Sequence[Record]) -> list[Row]:
    """Ranking questions answered from the front matter of AMI CMA programmes and
    diagnostics, optionally of one region.

    A question is skipped when its top is tied, or, for a region, when the top differs
    between programmes of that region only and programmes that also list other regions.
    """
    pool = [r for r in records if r.get("kind") in ("programme", "diagnostic") and r.get("ami_cma")]
    rows: list[Row] = []
    for key, question, metric, highest, region in SUPERLATIVE_QUESTIONS:
        value = _METRICS[metric]

        wide = _ranked(pool, value, highest, region, strict=False)
        if len(wide) < 2 or value(wide[0]) == value(wide[1]):
            continue
        top = wide[0]
        if region is not None and _ranked(pool, value, highest, region, strict=True)[:1] != [top]:
            continue
        rows.append(
            _row(
                f"superlative-{key}",
                question,
                kind="superlative",
                answerable=True,
                expected=[str(top["short_name"])],
                sources=[str(top["id"])],
                qtype="comparison",
                metric=metric,
                order="max" if highest else "min",
                region=region,
            )
        )
    return rows


# --- all files -------------------------------------------------------------------------------


def generate_all(corpus_dir: Path = CORPUS_DIR) -> dict[str, list[Row]]:
    """Every probe file's rows, by file name."""
    records = load_records(corpus_dir)
    qa_dir = corpus_dir / "qa"
    spf_questions, fiches, titles = load_spf(qa_dir / "spf")
    splits = {name: _load_jsonl(qa_dir / f"{name}.jsonl") for name in ("heldout", "tune")}
    return {
        "missing_attribute.jsonl": generate_missing_attribute(records),
        "off_domain.jsonl": generate_off_domain(spf_questions),
        "reverse_off_domain.jsonl": generate_reverse_off_domain(splits),
        "missing_document.jsonl": generate_missing_document(spf_questions, fiches, titles),
        "false_premise.jsonl": generate_false_premise(records),
        "answerable_places.jsonl": generate_place_listing(records),
        "superlatives.jsonl": generate_superlatives(records),
    }


def _load_jsonl(path: Path) -> list[Row]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def dumps_jsonl(rows: Iterable[Row]) -> str:
    """Rows as JSONL text (UTF-8 characters kept, one object a line)."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def write_all(out: Path, corpus_dir: Path = CORPUS_DIR) -> dict[str, int]:
    """Write every probe file into ``out``; return the row count of each."""
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for name, rows in generate_all(corpus_dir).items():
        (out / name).write_text(dumps_jsonl(rows), encoding="utf-8")
        counts[name] = len(rows)
    return counts


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m assistant.bench.probes [--out DIR] [--corpus DIR]``."""
    parser = argparse.ArgumentParser(description="Regenerate the probe question files.")
    parser.add_argument("--out", type=Path, default=QA_DIR / "probes")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    args = parser.parse_args(argv)
    for name, count in write_all(args.out, args.corpus).items():
        print(f"{name}: {count}")


if __name__ == "__main__":
    main()
