"""Service-Public probes: off-domain, reverse off-domain and missing-document questions.

They read the vendored Service-Public benchmark in ``corpus/qa/spf``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from assistant.bench.probes.records import QA_DIR, Row, _fold, _h, _row

SPF_DIR = QA_DIR / "spf"
SPF_QUESTIONS = "spf_qr_test.json"
SPF_DISTRACTORS = "best_fiche.json"

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
