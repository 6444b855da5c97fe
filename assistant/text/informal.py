"""Questions typed on a phone, written out: « c koi », « qd », « l etat », « jai ».

Every later step reads words: « ca a ete lance qd ? » asks a date only once « qd » is
« quand », and « combien ca coute l inscription ? » asks a learner's cost only once « l
inscription » is « l'inscription ». Accents need nothing here (matching folds them away).
No spelling library fits: a spell checker would "correct" programme names and acronyms;
this module only expands a closed list of texting abbreviations and restores apostrophes
left out before a vowel, and it leaves every other word as the user wrote it.

A sentence that only tells how to answer (« Réponds seulement avec le nombre. », « Une
liste suffit. ») is dropped: it asks nothing, and its words (« nombre », « liste ») would
read as what is asked.
"""

from __future__ import annotations

import re

from assistant.text.folding import strip_accents

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
    "fac": "université",
    "facs": "universités",
    # Keyword queries typed into a widget: « nb inscrits », « quelle univ ».
    "nb": "nombre",
    "nbre": "nombre",
    "univ": "université",
}
_ABBREVIATION = re.compile(
    r"(?<![\w'’-])("
    + "|".join(re.escape(k) for k in sorted(_ABBREVIATIONS, key=len, reverse=True))
    + r")(?![\w'’-])",
    re.IGNORECASE,
)

#: Words typed without their accents that have no other reading (not « porte », « a »,
#: « ou »), the frequent ones of these questions: the embedding model reads « ca demarre »
#: less well than « ça démarre ».
_ACCENTED_WORDS = (
    "ça", "déjà", "été", "très", "après", "école", "écoles", "étudiant", "étudiants",
    "étudiante", "étudiantes", "année", "années", "première", "premières", "région",
    "régions", "université", "universités", "sécurité", "cybersécurité", "numérique",
    "santé", "hydrogène", "nucléaire", "énergie", "élève", "élèves", "diplôme", "diplômes",
    "métier", "métiers", "lycée", "lycées", "ingénieur", "ingénieurs", "démarre",
    "préfecture", "électrique", "électronique", "aéronautique", "réalité", "décarbonation",
    "mobilité", "spécialité", "salarié", "salariés", "lauréat", "lauréats", "derrière",
)  # fmt: skip
_ACCENTED: dict[str, str] = {strip_accents(w): w for w in _ACCENTED_WORDS}
_UNACCENTED = re.compile(
    r"(?<![\w-])(" + "|".join(sorted(_ACCENTED, key=len, reverse=True)) + r")(?![\w'’-])"
)

#: A word asking (« quand », « combien », « est-ce que »), for a question sent without
#: its question mark.
_ASKS = re.compile(
    r"\b(quand|combien|qui|quoi|quel(le)?s?|comment|pourquoi|lesquel(le)?s|est-ce|ya-t-il|"
    r"y a-t-il|c'est quoi)\b",
    re.IGNORECASE,
)

#: « porte par », « finance par »: a participle before « par » (« porté par Verkor »).
_PARTICIPLE = re.compile(r"(?<![\w'’-])(port|financ|lanc|pilot|coordonn|form)e(e|s|es)? par\b")

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


#: A sentence (or a last clause) that only says how to answer, on accent-folded text.
_DIRECTIVE = re.compile(
    r"^(?:merci\b.*|"
    r"(?:reponds?|repondez|donne|donnez|dis|dites|ecris|ecrivez)(?:-moi)?\b.{0,25}"
    r"\b(?:seulement|uniquement|juste|simplement|brievement|en (?:un|une|deux|quelques) \w+)\b.*|"
    r"(?:juste|seulement|uniquement|simplement) (?:le|la|les|un|une|des) \w+(?: \w+)?|"
    r"(?:une|la|un|le) (?:simple |courte )?(?:liste|chiffre|nombre|date|nom|reponse) "
    r"(?:me )?suffi(?:t|ra)|"
    r"(?:sois|soyez) (?:bref|breve|concise?)s?|pas besoin de (?:details|detailler|developper)|"
    # « Il a reçu des prix, non ? Lesquels ? »: the question before already asks which
    r"(?:et |si oui,? |mais )?(?:lesquel(?:le)?s|lequel|laquelle)(?: exactement| donc)?\s*\?)"
    r"\s*[.!]*$"
)


def without_directives(question: str) -> str:
    """``question`` without the sentences after it that only say how to answer."""
    parts = re.split(r"(?<=[?.!…])\s+", question.strip())
    while len(parts) > 1 and _DIRECTIVE.match(strip_accents(parts[-1].lower()).strip()):
        parts.pop()
    text = re.sub(r",\s*(?:non|hein|pas vrai)\s*\?", " ?", " ".join(parts))
    # « … ? Juste le nombre » ends the question too, after a comma: « …, une liste suffit ? »
    head, sep, tail = text.rpartition(", ")
    if sep and re.search(r"\w", head) and _DIRECTIVE.match(strip_accents(tail.lower()).strip(" ?")):
        text = head.rstrip() + (" ?" if text.rstrip().endswith("?") else "")
    return text


def spell_out(question: str) -> str:
    """``question`` with texting abbreviations expanded, left-out apostrophes restored and
    the accents of a closed list of words put back; every other word as written."""
    # « la fac »: « l'université », not « la université ».
    text = re.sub(
        r"(?<![\w'’-])([Ll])a facs?(?![\w'’-])", r"\1'université", without_directives(question)
    )
    text = _ABBREVIATION.sub(_expanded, text)
    text = _LONE_C.sub(lambda m: "C'est" if m.group() == "C" else "c'est", text)
    text = _ELIDED.sub(lambda m: m.group(1) + "'", text)
    text = _GLUED.sub(lambda m: f"{m.group(1)}'{m.group(2)}", text)
    text = _UNACCENTED.sub(lambda m: _ACCENTED[m.group(1)], text)
    text = _PARTICIPLE.sub(lambda m: f"{m.group(1)}é{m.group(2) or ''} par", text)
    text = pro_written_out(text)
    text = _DU.sub(_du_written_out, text)
    text = re.sub(r"(?<![\w-])l'etat\b", "l'État", text)
    if _ASKS.search(re.split(r"[.!…]\s", text)[-1]) and not re.search(r"[?.!…]\s*$", text):
        text = text.rstrip() + " ?"  # « ça démarre quand » is a question
    text = _COUNTED.sub(_counted_written_out, text)
    # « elles sont ou ? », « c'est ou ? », « ferrocampus ou »: a question ending on « ou »
    # asks where.
    if re.search(r"(?<![\w'’-])ou\s*$", text):
        text = text.rstrip() + " ?"
    return re.sub(r"(?<![\w'’-])ou(?=\s*\?\s*$)", "où", text)


#: « combien ingénieurs », « nombre inscrits »: the « de » a learner of French or a
#: keyword query leaves out before the counted noun.
_COUNTED = re.compile(
    r"(?<![\w'’-])(combien|nombre) (?=(personnes|ing[eé]nieurs|jeunes|[eé]tudiants|apprenants|"
    r"apprentis|alternants|[eé]l[eè]ves|stagiaires|salari[eé]s|inscrits|places|projets|emplois|"
    r"euros|partenaires|lyc[eé]es|lyc[eé]ens|participants|r[eé]gions|formations|techniciens|"
    r"adultes|dipl[oô]m[eé]s|laur[eé]ats|argent)\b)",
    re.IGNORECASE,
)


def _counted_written_out(match: re.Match[str]) -> str:
    """« combien ingénieurs » -> « combien d'ingénieurs »."""
    article = "d'" if match.string[match.end()].lower() in "aeiouyéèêàâîôûh" else "de "
    return f"{match.group(1)} {article}"


#: « lycée pro », « les lycées pros »: « professionnel(s) » cut short. « Bac pro » is the
#: diploma's own name, « Formation Pro Industrie » a programme's: both stay.
_SHORT_PRO = re.compile(r"(?<![\w-])(lycées?|lycees?) (pros?)(?![\w'’-])", re.IGNORECASE)


def pro_written_out(text: str) -> str:
    """``text`` with « lycée(s) pro(s) » written out (« lycées professionnels »), as
    questions are read; the catalogue writes programme names out the same way."""
    return _SHORT_PRO.sub(_pro_written_out, text)


def _pro_written_out(match: re.Match[str]) -> str:
    """« lycées pros » -> « lycées professionnels »."""
    noun = match.group(1)
    return f"{noun} professionnel{'s' if noun.lower().endswith('s') else ''}"


#: « quels DU ? »: university diplomas, in capitals only (« du » is a word), whose letters
#: every later step would read as that word.
_DU = re.compile(r"(?<![\w'’-])DUs?(?![\w'’-])")
_PLURAL_BEFORE = re.compile(
    r"\b(quels|les|des|ces|deux|trois|plusieurs|nouveaux|ses|leurs)\s+$", re.IGNORECASE
)


def _du_written_out(match: re.Match[str]) -> str:
    """« quels DU » -> « quels diplômes d'université »; one DU named (« le DU « Santé
    numérique » ») stays as written, its name says which."""
    before = match.string[max(0, match.start() - 20) : match.start()]
    if match.group().endswith("s") or _PLURAL_BEFORE.search(before) is not None:
        return "diplômes d'université"
    # « quel DU ? » asks which diploma; « le DU « Santé numérique » » names one.
    return "diplôme d'université" if re.search(r"\bquel\s+$", before, re.I) else match.group()


def _expanded(match: re.Match[str]) -> str:
    """The abbreviation of ``match`` written out; « Pr » before a name is a title (« le Pr
    Laurent Fourcade »), not « pour »."""
    written = match.group(1)
    if written == "Pr" and re.match(r"\.?\s+[A-ZÀ-Ý]", match.string[match.end() :]):
        return written
    return _keep_case(written, _ABBREVIATIONS[written.lower()])


def _keep_case(written: str, expansion: str) -> str:
    """``expansion`` capitalised when the user capitalised the abbreviation."""
    return expansion[0].upper() + expansion[1:] if written[:1].isupper() else expansion
