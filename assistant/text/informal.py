"""Questions typed on a phone, written out: « c koi », « qd », « l etat », « jai ».

Every later step reads words: « ca a ete lance qd ? » asks a date only once « qd » is
« quand », and « combien ca coute l inscription ? » asks a learner's cost only once « l
inscription » is « l'inscription ». Accents need nothing here (matching folds them away).
No spelling library fits: a spell checker would "correct" programme names and acronyms;
this module only expands a closed list of texting abbreviations and restores apostrophes
left out before a vowel, and it leaves every other word as the user wrote it.
"""

from __future__ import annotations

import re

#: Texting abbreviations, lower-case, as whole words.
_ABBREVIATIONS: dict[str, str] = {
    "qd": "quand",
    "kan": "quand",
    "koi": "quoi",
    "kwa": "quoi",
    "ki": "qui",
    "ke": "que",
    "kel": "quel",
    "kelle": "quelle",
    "kels": "quels",
    "kelles": "quelles",
    "pk": "pourquoi",
    "pq": "pourquoi",
    "pourkoi": "pourquoi",
    "cb": "combien",
    "cbn": "combien",
    "cmb": "combien",
    "cmt": "comment",
    "ds": "dans",
    "pr": "pour",
    "pcq": "parce que",
    "psk": "parce que",
    "tt": "tout",
    "tjs": "toujours",
    "bcp": "beaucoup",
    "qqn": "quelqu'un",
    "qqch": "quelque chose",
    "dc": "donc",
    "jsuis": "je suis",
    "chui": "je suis",
    "chuis": "je suis",
    "ya": "il y a",
    "y'a": "il y a",
    "jai": "j'ai",
    "cest": "c'est",
    "c'etait": "c'était",
    "cetait": "c'était",
    "nest": "n'est",
    "quil": "qu'il",
    "quils": "qu'ils",
    "sinscrire": "s'inscrire",
    "minscrire": "m'inscrire",
    "jpeux": "je peux",
    "jveux": "je veux",
    "promo": "promotion",
    "promos": "promotions",
    "ingé": "ingénieur",
    "inge": "ingénieur",
    "ingés": "ingénieurs",
    "dispo": "disponible",
    "dispos": "disponibles",
}
_ABBREVIATION = re.compile(
    r"(?<![\w'’-])("
    + "|".join(re.escape(k) for k in sorted(_ABBREVIATIONS, key=len, reverse=True))
    + r")(?![\w'’-])",
    re.IGNORECASE,
)

#: « c koi », « c porté par qui », « c gratuit ? »: a lone « c » before what « c'est » says.
_LONE_C = re.compile(
    r"(?<![\w'’-])c(?= (quoi|qui|quand|ou|où|combien|comment|quel\w*|pour|porté|porte|lancé|"
    r"lance|fait|gratuit|payant|possible|vrai|ouvert|finance|financé|obligatoire|loin|long)\b)",
    re.IGNORECASE,
)

#: An apostrophe left out before a vowel: « l etat », « d un », « qu il » (lower-case only,
#: so that « C et D » or « langage C » stay as written).
_ELIDED = re.compile(r"(?<![\w'’-])(l|d|j|n|m|t|s|c|qu) (?=[aeiouyhéèêàâîôû])")

#: The same, glued to a noun the questions use: « letat », « lecole », « detudiants ».
_GLUED = re.compile(
    r"(?<![\w'’-])(l|d)(etat|état|ecole|école|ia|inscription|entreprise|academie|académie|"
    r"apprentissage|alternance|industrie|hydrogene|hydrogène|universite|université|afpa|"
    r"etudiants?|étudiants?|apprentis|heures|argent|admission|emploi|age|âge|annee|année|"
    r"eleves|élèves|ingenieurs?|ingénieurs?|aide|etablissements?|établissements?)(?![\w'’-])",
    re.IGNORECASE,
)


def spell_out(question: str) -> str:
    """``question`` with texting abbreviations expanded and left-out apostrophes restored;
    every other word as written."""
    text = _ABBREVIATION.sub(
        lambda m: _keep_case(m.group(1), _ABBREVIATIONS[m.group(1).lower()]), question
    )
    text = _LONE_C.sub(lambda m: "C'est" if m.group() == "C" else "c'est", text)
    text = _ELIDED.sub(lambda m: m.group(1) + "'", text)
    return _GLUED.sub(lambda m: f"{m.group(1)}'{m.group(2)}", text)


def _keep_case(written: str, expansion: str) -> str:
    """``expansion`` capitalised when the user capitalised the abbreviation."""
    return expansion[0].upper() + expansion[1:] if written[:1].isupper() else expansion
