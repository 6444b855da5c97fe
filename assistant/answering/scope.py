"""The part of a programme a figure question is restricted to.

« Combien de personnes Electro'Mob forme-t-il à Douai ? », « … dans l'Hérault ? », « pour
la seule année 2024 ? », « précisément à l'Université de Caen ? » ask a figure of one town,
department, recipient or year. A programme's whole figure (« 8 000 personnes d'ici
2030 ») does not answer them: only a sentence naming that place or year alone does.

A place counts only when it narrows the programme: not its one town (« la fac de Caen »
describes Cyrce), not a word of its name or lead (« le projet de Lyon 1 »), not a
demonym (« la start-up grenobloise » describes Verkor), and not the asker's own
situation (« je suis au chômage vers Poitiers et … combien ? »: a place before the words
that ask the figure is the asker's).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.catalog.gazetteer import FORMER_REGIONS, place_names
from assistant.catalog.places import DEMONYM_REGIONS
from assistant.text.folding import fold
from assistant.text.sentences import questions_in

if TYPE_CHECKING:
    from assistant.catalog import Catalog, ProgrammeRecord

#: « spécifiquement », « à lui seul », « pour la seule année »: one part alone is asked.
_ONLY = re.compile(
    r"\b(specifiquement|uniquement|seulement|precisement|rien que|a (lui|elle) seule?|"
    r"(pour|a|de) (la|le) seule?|au seul|aux seules?)\b"
)
#: The words that ask the figure: a place before them is the asker's (« conseillère à
#: Poitiers, je voudrais savoir combien… »), one after them narrows the figure.
_ASKS_FIGURE = re.compile(
    r"\bcombien\b|\bquel(le)?s? (est |sont )?(le |la |les )?(montant|nombre|somme|part|budget)"
)
#: Words pointing back to the asker's place (« chez nous », « dans ma région »).
_HERE = re.compile(r"\bchez (nous|moi)\b|\b(dans|de) (ma|notre) (region|coin)\b|\bpar ici\b")
#: What was done in one year (« formés en 2025 »): that year's figure is asked.
_DONE_IN_YEAR = re.compile(
    r"\b(?:formes|formees|accueillis|accueillies|diplomes|recrutes|embauches|inscrits|inscrites|"
    r"admis|admises)\b[^?]{0,40}?"
    r"\ben (20\d\d)\b"
)
#: The first year or intake alone (« lors de sa première année », « la 1re promotion »).
_FIRST_PERIOD = re.compile(
    r"\b(?:premiere|1re|1ere) (?P<noun>annee|promotion|promo|rentree|session|cohorte)\b"
)
#: One recipient or use of the money (« quelle part revient à l'académie de Grenoble »,
#: « quelle somme va aux podcasts »).
_GOES_TO = re.compile(
    r"\b(?:revient|reviennent|va|vont|(?:est|sont) (?:consacre|destine|alloue|attribue|"
    r"reserve|affecte)e?s?) (?:a|au|aux) (?:l'|la |le |les )?"
    r"(?P<what>[a-z][a-z-]{2,}(?: (?:de|du|des|d') ?[a-z][a-z-]{2,})?)"
)
#: One course of a programme (« combien de places dans la mineure de l'EILCO ? »).
_COURSE_PART = re.compile(
    r"\b(?:dans|pour|en|a) (?P<article>la |le |l')(?P<course>mineure|master|licence|bts|but|"
    r"dut|du|diplome|parcours|cursus|module|certificat)\b"
)
#: One member of a programme named by its carrier (« l'IA Cluster porté par l'Université
#: de Lorraine »).
_CARRIED_BY = re.compile(
    r"\b(?:porte|portee|mene|menee|pilote|pilotee|coordonne|coordonnee) par (?:l'|la |le |les )?"
    r"(?P<who>[a-z][a-z-]{2,}(?: (?:de|du|des|d') ?(?:la |l')?[a-z][a-z-]{2,}){0,2})"
)
#: What a department match may start with (« dans l'herault » -> « herault »).
_PLACE_LEAD = re.compile(r"^(dans (le|la|les|l')\s*|en |departement (du|de la|de l'|des|de)\s*)")


def course_part(question: str) -> tuple[str, str] | None:
    """The article and noun (folded) of the one course a count question asks about
    (« dans la mineure » -> (« la », « mineure »)), or None."""
    found = _COURSE_PART.search(fold(question))
    return (found.group("article").strip(), found.group("course")) if found else None


def goes_to(question: str) -> str:
    """The one recipient or use of a programme's money ``question`` asks about (« quelle
    part revient à l'académie de Grenoble ? » -> « academie de grenoble »), folded, or « »."""
    found = _GOES_TO.search(fold(question))
    if found is None or re.match(r"formation|ensemble|total|tou|chaque", found.group("what")):
        return ""
    return found.group("what")


def carrier_named(folded: str) -> str:
    """The carrier a (folded) question names (« porté par l'Université de Lorraine » ->
    « universite de lorraine »), or « »."""
    found = _CARRIED_BY.search(folded)
    return found.group("who") if found else ""


def carried_by(folded: str, record: ProgrammeRecord | None) -> str | None:
    """The carrier of one member of ``record`` a (folded) question names (« l'IA Cluster
    porté par l'Université de Lorraine » -> « universite de lorraine »): one of its
    partners, not its own carrier (« le projet porté par Verkor » is the École de la
    Batterie) nor a description (« porté par la start-up grenobloise Verkor »); or None."""
    who = carrier_named(folded)
    if not who or record is None:
        return None
    own = fold(" ".join([record.title, record.short_name, *record.aliases, record.lead or ""]))
    partners = fold(" | ".join(record.partners))
    if re.search(rf"\b{re.escape(who)}\b", own) or not re.search(
        rf"\b{re.escape(who)}\b", partners
    ):
        return None
    return who


def asks_alone(question: str) -> bool:
    """Whether ``question`` asks a figure of one part alone (« à lui seul »,
    « précisément »)."""
    return bool(_ONLY.search(fold(question)))


#: A figure shared by several (« pour l'Université Côte d'Azur et l'Observatoire »,
#: « reçoivent ensemble »).
_SHARED = re.compile(
    r"\bensemble\b|\ba (eux|elles) (deux|trois)\b|\bconjointement\b|"
    r"\b(pour|a|au|aux) (l'|la |le |les )?[A-Z][\w'-]*(?: [\w'-]+){0,4} et (l'|la |le |les )?[A-Z]"
)


def shares_figure(text: str) -> bool:
    """Whether ``text`` gives a figure shared by several recipients."""
    return bool(_SHARED.search(text))


def restricted_to(
    question: str, record: ProgrammeRecord | None, catalog: Catalog, *, money: bool = False
) -> str:
    """The town, department or year (folded) a figure question about ``record`` asks
    for alone, or « ». An amount asked « à Grenoble » locates the programme; only « à lui
    seul », « précisément »… ask a town's own share of it (``money``)."""
    asking = questions_in(question)
    if not _HERE.search(fold(question)) and (
        catalog.cities_in(fold(asking)) or catalog.regions_in(asking)
    ):
        # « Je regarde les lauréats DEFFINUM en Bourgogne-Franche-Comté. Quelle subvention a
        # obtenu Nid'AI.e, le projet du Gifod à Dijon ? »: the question places its subject
        # itself; the sentence of context before it restricts nothing.
        question = asking
    whole = fold(catalog.without_names(question))
    asks = _ASKS_FIGURE.search(whole)
    folded = whole[asks.start() :] if asks else whole
    only = bool(_ONLY.search(folded))
    if record is not None and record.regions == ("National",):
        # « Combien de lauréats … en Bretagne ? »: one region of a national scheme; the
        # asker's own (« je suis en Corse : combien … chez nous ? ») when the figure
        # words point back to it.
        here = whole if _HERE.search(folded) else folded
        # A region written as such: a town (« à Dijon ») locates a recipient, not a share.
        regions = [r for r in catalog.regions_in(here) if fold(r) in here]
        if regions:
            return fold(regions[0])
    if record is not None and record.cities and not money:
        # « la première promotion de l'EN2R à Romans-sur-Isère »: its second site's own,
        # not the first promotion at its first site.
        for town in catalog.cities_in(folded):
            if (
                not _demonym(town)
                and town != fold(record.cities[0])
                and re.search(rf"\b{re.escape(town)}\b", folded)
                and _narrows(town, record, folded)
            ):
                return town
    if first := _FIRST_PERIOD.search(folded):
        return f"premiere {'promotion' if first.group('noun') == 'promo' else first.group('noun')}"
    if goes := goes_to(folded):
        return goes
    if not money and (course := course_part(folded)) and not _own_word(course[1], record):
        return course[1]  # « le master quantique » of Quant4CVL is the programme itself
    if (
        record is not None
        and not catalog.part_names_in(record.id, question)  # « eOLE, porté par Airbus »
        and (carrier := carried_by(whole, record)) is not None
    ):
        return carrier  # « l'IA Cluster porté par l'Université de Lorraine »: its own figure
    if money and not only:
        return ""
    for town in catalog.cities_in(folded):
        if not re.search(rf"\b{re.escape(town)}\b", folded) or _demonym(town):
            # A demonym: a town's (« grenobloise ») is written as its town by cities_in; a
            # region's (« le projet normand ») describes, it restricts nothing.
            continue
        if only or (record is not None and _narrows(town, record, folded)):
            return town
    if record is not None:
        own = fold(" ".join([record.title, record.short_name, *record.aliases, record.lead or ""]))
        for name in place_names(folded):
            if name in FORMER_REGIONS:
                continue  # « en Alsace » is a region, not a part of it
            department = _PLACE_LEAD.sub("", name).strip()
            if department and re.search(
                rf"\b(construit|install|situ|implant|bas|loge|heberge)e?s? (en|dans|a) "
                rf"(la |le |l'|les )?{re.escape(department)}\b",
                folded,
            ):
                continue  # « le pôle … construit en Charente-Maritime »: where it is
            if department and department not in own:
                return department
    years = re.findall(r"\b20\d\d\b", folded)
    if not only and (done := _DONE_IN_YEAR.search(folded)):
        return done.group(1)  # « combien de stagiaires a-t-il formés en 2025 ? »
    return years[0] if only and years else ""


#: Institutions named by their town (« l'IUT de Blagnac », « l'université de Caen »).
_INSTITUTION = r"(?:iut|universite|lycee|ecole|cfa|institut|college|insa|campus|cmq)"


def _demonym(word: str) -> bool:
    """Whether ``word`` (folded) is a demonym (« normand », « bretons »), not a town."""
    return word in DEMONYM_REGIONS or word[:-1] in DEMONYM_REGIONS


def _own_word(word: str, record: ProgrammeRecord | None) -> bool:
    """Whether ``word`` (folded) is in the record's title or names."""
    if record is None:
        return True
    own = fold(" ".join([record.title, record.short_name, *record.aliases]))
    return re.search(rf"\b{re.escape(word)}\b", own) is not None


def _narrows(town: str, record: ProgrammeRecord, folded: str) -> bool:
    """Whether ``town``, written after a place word (« à », « dans »), is one part of the
    programme: not its only town, not a word of its name or lead."""
    own = fold(" ".join([record.title, record.short_name, *record.aliases, record.lead or ""]))
    if re.search(rf"\b{re.escape(town)}\b", own):
        return False
    if [fold(c) for c in record.cities] == [town]:
        return False
    if re.search(
        rf"\b(rattache|adosse|lie|heberge)e?s? (a|au) (l')?{_INSTITUTION} (de |du |d')?"
        rf"{re.escape(town)}\b",
        folded,
    ):
        # « le campus … rattaché à l'IUT de Blagnac » describes what is asked about by
        # its institution; « ouvre-t-il à l'Université Le Havre » asks a part's figure.
        return False
    return bool(
        re.search(
            rf"\b(a|au|aux|dans|sur|pour)\b(?:\s+[\w'-]+){{0,3}}?\s+{re.escape(town)}\b", folded
        )
    )


def written(question: str, place: str) -> str:
    """``place`` (folded) as ``question`` writes it (« herault » -> « Hérault »)."""
    words = re.findall(r"[^\W\d_][\w-]*", question)
    for size in (1, 2, 3):
        for i in range(len(words) - size + 1):
            candidate = " ".join(words[i : i + size])
            if fold(candidate) == place:
                return candidate
    return place


#: Kinds a figure is given for, each excluding the other (« en formation initiale » is no
#: answer to « en formation continue »).
_EXCLUSIVE = (
    ("formation initiale", "formation continue"),
    ("en presentiel", "a distance"),
)


def other_kind(question: str, text: str) -> str | None:
    """The kind ``question`` asks a figure for (« formation continue »), when ``text``
    gives it for the other kind only (« en formation initiale »), else None."""
    # A condensed follow-up (« <previous question> — en formation continue ? »): the
    # words after the dash are asked.
    asked, said = fold(question.rsplit(" — ", 1)[-1]), fold(text)
    for pair in _EXCLUSIVE:
        for mine, other in (pair, pair[::-1]):
            if mine in asked and other not in asked and other in said and mine not in said:
                return mine
    return None
