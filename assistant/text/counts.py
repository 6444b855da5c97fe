"""What « combien de X ? » counts, and whether a sentence gives that count."""

from __future__ import annotations

import re

from assistant.text.folding import fold
from assistant.text.numbers import without_amounts

#: « Combien de partenaires… ? »: the noun counted.
# « combien d apprentis », typed; « combien d'IA Clusters » counts clusters.
_COUNTED = re.compile(
    r"\bcombien (?:y a(?:-t-il)? |il y a |en a(?:-t-on)? )?d(?:e |'| )(?:(?:ia|cmq|cma) )?(\w+)"
)
#: Nouns after « combien de » that count nothing a sentence would name: time, money, or
#: too vague to be found as such (« combien d'équipements ? », « 10 bornes »).
_NOT_COUNTED = frozenset(
    {"temps", "argent", "fois", "euros", "millions", "milliards", "milliers", "equipements",
     "elements", "choses", "plus", "france", "financement", "financements", "subvention",
     "subventions", "budget", "aide", "aides", "credits", "dotation", "dotations",
     "pourcentage", "pourcent", "pourcents"}
)  # fmt: skip
#: A count: digits (not a year: « en 2022 les projets… ») or a number word (« trois »,
#: « une quinzaine de »).
_COUNT = (
    r"(?:\b(?!(?:19|20)\d\d\b(?![  ]\d{3}))\d[\d  ]*(?:,\d+)?(?![a-z\d])|\b(?:deux|trois|quatre|cinq|"
    r"six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|"
    r"cinquante|soixante|cent|mille)\b|\b(?:dizaine|douzaine|quinzaine|vingtaine|trentaine|"
    r"quarantaine|cinquantaine|centaine|millier|million)s? d(?:e\b|'))"
)
#: Learners under an apprenticeship contract.
_APPRENTICES = r"apprentis?\b|apprentissage|alternant|alternance"
#: Nouns that count the same things (folded starts). People being trained are not their
#: trainers or teachers, who are counted by their own names.
_SAME_COUNT = (
    r"personne|gens|monde|jeune|apprenant|stagiaire|etudiant|eleve|salarie|actif|"
    r"lyceen|beneficiaire|participant|professionnel|demandeur|inscrit|technicien|adulte|"
    r"ingenieur|expert|operateur|specialiste|hacker|analyste|developpeu|ouvrier|soudeur|agent",
    r"enseignant|profs?\b|professeur|formateur",
    r"recrut|embauch|emploi|poste",
    # « trois membres du Gouvernement » are no members of a consortium.
    r"membre(?!s? du gouvernement)|partenai|acteur|structure|organisation|etablissement|"
    r"organisme",
    # The AMI CMA's projects are diagnostics and training schemes (« dispositifs »).
    r"projet|laureat|diagnostic|dispositif",
    r"formation|parcours|cursus|diplome|certification",
    r"entreprise|societe|industriel|employeur",
    r"annee|ans\b|an\b",
    r"heure|h\b",
    r"metre|m²|m2\b",
    # Apprentices are learners of one kind: « 35 000 personnes formées » counts no
    # apprentices.
    _APPRENTICES,
    # Places in a course are counted by the learners it takes (« 15 étudiants par an »).
    r"place|apprenant|apprenti|stagiaire|etudiant|eleve|lyceen|alternant|jeune|inscrit",
)


#: Places of one kind (« places en apprentissage », « places d'internat »).
_PLACES_OF_A_KIND = re.compile(
    r"\bplaces? (en |d'|de |pour (les )?)?(apprenti|alternan|internat|heberg|formation continue|"
    r"adultes|salaries|demandeurs)"
)

#: Hiring, counted in jobs or in the people hired.
_HIRING = r"recrut|embauch"


def _counted_word(question: str) -> str | None:
    """The noun « combien de X ? » counts, whole and folded, if it is a thing counted."""
    found = _COUNTED.search(fold(question))
    if found is None or len(found.group(1)) < 4 or found.group(1) in _NOT_COUNTED:
        return None
    return found.group(1)


def counted_noun(question: str) -> str | None:
    """The start of the noun « combien de X ? » counts (« partenai »), if it is a thing
    counted (not « combien de temps », « combien d'argent »)."""
    word = _counted_word(question)
    return word[: max(4, len(word) - 2)] if word else None


def gives_count(question: str, text: str) -> bool:
    """Whether ``question`` counts something (« combien de partenaires ? ») and ``text``
    gives that count (« associe 14 partenaires »).

    A count may be spelled (« une quinzaine de pôles », « trois familles »), have words
    between (« 3 nouveaux campus », « 2,6 millions de personnes »), and a thing may be
    counted by another of its names (« combien de personnes ? », « 1 500 étudiants »;
    recrutements, « 72 000 embauches »)."""
    word = _counted_word(question)
    if word is None:
        return False
    folded = fold(text)
    nouns = _nouns_of(word)
    if word.startswith("place") and _PLACES_OF_A_KIND.search(fold(question)):
        # « Combien de places en apprentissage ? » is not answered by all the learners.
        nouns = re.escape(counted_noun(question) or word)
    if re.match(_HIRING, word) and re.search(_HIRING, folded):
        nouns = f"{nouns}|{_SAME_COUNT[0]}"  # « recruter 120 000 personnes »
    elif re.match(_SAME_COUNT[0], word) and re.search(_HIRING, fold(question)):
        nouns = (
            f"{nouns}|{_SAME_COUNT[2]}"  # « combien de personnes recruter ? »: « 72 000 embauches »
        )
    if _counting(nouns).search(folded):
        return True
    # « de 40 000 à 100 000 le nombre de personnes formées »
    return bool(
        re.search(rf"\b(?:le|du) nombre d(?:e |')(?:[\w'-]+\s+){{0,2}}?(?:{nouns})", folded)
        and re.search(_COUNT, folded)
    )


def _nouns_of(word: str) -> str:
    """The nouns that count what ``word`` counts: its group (« personnes »: « étudiants »,
    « techniciens »…), or its own start."""
    own = re.escape(word[: max(4, len(word) - 2)])
    return next((group for group in _SAME_COUNT if re.match(group, word)), own)


def _counting(nouns: str) -> re.Pattern[str]:
    """A count of ``nouns`` (« 14 partenaires », « 3 nouveaux campus »)."""
    return re.compile(rf"{_COUNT}\s*(?:[\w'-]+\s+){{0,2}}?(?:{nouns})")


def count_in(question: str, text: str) -> int | None:
    """The number ``text`` gives for what « combien de X ? » counts, in digits
    (« Cyrce forme 250 spécialistes par an » -> 250 for « combien de personnes ? »)."""
    word = _counted_word(question)
    if word is None or not gives_count(question, text):
        return None
    for found in _counting(_nouns_of(word)).finditer(fold(text)):
        digits = re.match(r"\d[\d  ]*", found.group())
        if digits:
            return int(re.sub(r"\D", "", digits.group()))
    return None


#: Learners named as such (« étudiants », « apprentis »): not their trainers.
_LEARNERS = (
    r"jeune|apprenant|apprenti|stagiaire|etudiant|eleve|lyceen|alternant|collegien|"
    r"demandeur|adulte"
)
#: People of any kind (« personnes », « gens »): trainers are people too, jobs are not.
_ANYONE = r"personne|gens|monde|participant|beneficiaire|inscrit|professionnel|actif|salarie"


#: Courses and schemes (not « diplômés », who are people).
_COURSES = (
    r"formations?\b|parcours|cursus|certifications?|offres?\b|diagnostics?|dispositifs?|"
    r"certifiantes?"
)
#: Numbers that count no one: lengths of time, areas, shares, and digits of a name
#: (« CMQ NFP 4.0 », « 3NC »).
_NOT_PEOPLE = re.compile(
    r"\d[\d  ]*(?:,\d+)?\s*(?:ans?|années?|mois|semaines?|jours?|heures?|h|m²|m2|%|"
    r"pour ?cent)(?![\w])|\b\d+(?:\.\d+|[a-z][\w@]*)"
)


def counts_other_people(question: str, text: str) -> bool:
    """Whether ``question`` counts people and ``text`` only counts another group: jobs
    for any people (« 8 000 emplois » for « combien d'apprenants ? »), trainers for
    learners (« 700 enseignants » for « combien d'étudiants ? ») and learners for
    trainers, organisations or courses for anyone; or ``text`` counts nothing at all
    (« 15 M€ sur 5 ans »). « Combien de personnes ? » is answered by « 700 formateurs »."""
    word = _counted_word(question)
    if word is None or re.match(_HIRING, word) or gives_count(question, text):
        return False
    if re.match(_APPRENTICES, word):
        others = [_SAME_COUNT[0], _SAME_COUNT[1], _SAME_COUNT[2]]  # any other learners
    elif re.match(_LEARNERS, word):
        others = [_SAME_COUNT[1], _SAME_COUNT[2]]
    elif re.match(_SAME_COUNT[1], word):
        others = [_LEARNERS]
    elif re.match(_ANYONE, word):
        others = [_SAME_COUNT[2]]
    else:
        return False
    # Partners, courses and projects are no people (« réunit 11 partenaires » for
    # « combien d'apprentis ? »).
    others += [_SAME_COUNT[3], _SAME_COUNT[4], _COURSES]
    folded = fold(text)
    if any(re.search(rf"{_COUNT}\s*(?:[\w'-]+\s+){{0,2}}?(?:{group})", folded) for group in others):
        return True
    # No count at all, only sums, lengths of time and areas (« un budget de 15 M€ sur
    # 5 ans » for « combien d'apprentis ? »).
    left = _NOT_PEOPLE.sub(" ", without_amounts(text).lower())
    return re.search(_COUNT, fold(left)) is None


def counts_anyone(question: str) -> bool:
    """Whether « combien de X ? » counts people trained in general (« personnes »,
    « jeunes », « étudiants »), not one group of them (« formateurs », « apprentis »)."""
    word = _counted_word(question)
    return word is not None and bool(re.match(_SAME_COUNT[0], word))


def counts_jobs(question: str) -> bool:
    """Whether « combien de X ? » counts jobs or hires (« combien d'emplois ? »)."""
    word = _counted_word(question)
    return word is not None and bool(re.match(_SAME_COUNT[2], word))


#: People made aware, not trained (« sensibiliser 300 000 personnes aux métiers »).
_REACH = re.compile(
    r"\bsensibilis\w*|\bfaire decouvrir\b|\bdecouverte (des|de leurs?) metiers\b|"
    r"\bactions? de (decouverte|sensibilisation)\b"
)


def counts_reach(question: str, text: str) -> bool:
    """Whether ``question`` counts people made aware of the trades (« à combien de personnes
    fait-il découvrir les métiers ? ») and ``text`` counts others (learners to train)."""
    return bool(_REACH.search(fold(question))) and not _REACH.search(fold(text))
