"""Missing-attribute probes: in-domain questions that no document answers (refused)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.bench.probes.records import (
    _NOUN,
    PLACE_KINDS,
    Record,
    Row,
    _fold,
    _pick,
    _row,
    evidence_text,
)


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
