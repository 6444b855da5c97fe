"""Who pays: the State, or another public funder a money question names.

« Combien la Région met-elle dans REMED ? » asks the Region's money, not the State's aid:
a sentence answers it only if it names that funder (« La Région … contribue à hauteur de
2,1 M€ »). « Combien d'argent le plan met-il ? » names no funder: any amount answers it.
« Le coût total, toutes sources confondues ? » is not the State's share alone.
"""

from __future__ import annotations

import re

from assistant.text.folding import fold

#: A public funder other than the State, paying (« la Région met / verse / apporte… », « la
#: part de la Région »); the State or France 2030 named as well leaves the question to them.
#: Companies are not in it: a document names them (« EDF apporte 4,5 M€ »), not « les
#: entreprises ».
_OTHER_FUNDER = re.compile(
    r"\b(?:la |le |les |l')(?P<who>region(?! academique)|departement|metropole|collectivites?|"
    r"europe|union europeenne|feder)\b[^?,;]{0,40}?"
    r"\b(met|mettent|mis|verse|versent|apporte|apportent|finance|financent|donne|donnent|"
    r"investi\w*|paye|payent|contribue\w*|injecte\w*|a verse|ont verse|a apporte|ont apporte)\b|"
    r"\b(?:vient|viennent|provient|proviennent) (?:de la |du |des |de l')"
    r"(?P<from>region(?! academique)|departement|metropole|collectivites?|europe|union europeenne|"
    r"feder)\b|"
    r"\b(?:apporte|verse|finance|donne|paye|injecte)e?s? par (?:la |le |les |l')?"
    r"(?P<by>region|departement|metropole|collectivites?|europe|union europeenne|feder)\b|"
    r"\b(?:part|contribution|apport|financement|participation|subvention|mise)"
    r"(?: financiere| propre| directe){0,2} (?:de la |du |des |de l')"
    r"(?P<whose>region|departement|metropole|collectivites?|europe|union europeenne|feder)\b|"
    # The verb first (« combien apporte la Région ? »).
    r"\b(?:met|mettent|verse|versent|apporte|apportent|finance|financent|donne|donnent|"
    r"investit|investissent|injecte|injectent|paye|payent)(?:-t-(?:elle|il))? (?:la |le |les |l')"
    r"(?P<after>region(?! academique)|departement|metropole|collectivites?|europe|"
    r"union europeenne|feder)\b"
)


#: What asks a funder's amount (« combien », « quel montant », « quelle part »…).
_ASKS_MONEY_OF = re.compile(
    r"\bcombien\b|\bquel(le)? (est (le|la) )?(montant|somme|part|contribution|apport|"
    r"financement|participation|subvention|enveloppe|mise)\b|\ba (quelle )?hauteur\b|"
    # « Pouvez-vous me préciser la contribution financière d'EDF ? »
    r"\b(preciser|indiquer|donner|communiquer|connaitre|savoir|chiffrer)\b.{0,30}"
    r"\b(le montant|la somme|la contribution|l'apport|la participation|la mise)\b"
)


#: A named organisation paying (« quelle somme EDF apporte-t-il ? »), in the question as
#: written: its capitals tell a name from a word.
_NAMED_PAYER = re.compile(
    r"(?i:\b(?:quelle somme|quel montant|combien|quelle part))\b[^?]{0,50}?\b"
    # « combien l'Université de Caen Normandie apporte-t-elle ? »: a name of several words,
    # not its last one (« Normandie » is no Region here).
    r"(?<![\w-])(?P<org>[A-Z][\w&-]+(?: (?:de |du |des |d['’])?[A-Z][\w&'’-]+)*)"
    # « le constructeur Stellantis, membre du consortium, finance-t-il ? »
    r"(?:, [^,?]{1,40},)?"
    r"(?i: (?:a |a-t-il |a-t-elle )?(?:apport|vers|met|mis|financ|investi|inject|donn)\w*)"
)


#: A named organisation paying, the verb first (« Stellantis a apporté combien ? », « la
#: contribution financière propre de l'Université de Caen au budget »), as written.
_PAYER_FIRST = re.compile(
    r"(?<![\w'’-])(?P<org>[A-Z][\w&'’-]+)(?i: (?:a|ont) (?:apport|vers|mis|financ|investi|inject|"
    r"donn)\w* combien)|"
    r"(?i:\b(?:contribution|participation|apport)(?: financi[eè]re| propre| directe){0,2} "
    r"(?:de l['’]|du |de la |d['’]))(?P<whose>[A-Z][\w&'’-]*(?: (?:de |d['’])?[A-Z][\w&'’-]*)*)"
)
#: The State left out of a money question (« indépendamment de la subvention de l'État »,
#: « en dehors de France 2030 »): another funder is asked, not the State.
_STATE_LEFT_OUT = re.compile(
    r"\b(?:independamment|en dehors|hors|au-dela|en plus|sans compter|outre|a part|"
    r"a cote)\b(?: de| d'| du)?(?: la| l'| le)? ?(?:(?:subvention|aide|financement|apport|part|"
    r"dotation)s? (?:de l'|du |de la |d')?)?(?:etat|france 2030)\b"
)

#: Capitalised words that are no company: public funders (above), the programme itself.
_NOT_PAYERS = ("region", "departement", "metropole", "europe", "union", "feder", "france", "etat")


def funder_asked(folded: str, written: str = "", names: tuple[str, ...] = ()) -> str:
    """The funder other than the State whose money the (folded) question asks about, or
    « »: « combien la Région met-elle dans REMED ? » -> « region »; « quelle somme EDF
    apporte-t-il ? » -> « EDF » (from the ``written`` question, unless one of ``names``,
    the programmes' own)."""
    folded = _STATE_LEFT_OUT.sub(" ", folded)
    folded = re.sub(r"\bcollectivites? (?:territoriales? )?regionales?\b", "region", folded)
    # « le Conseil régional », « le conseil départemental »: the Region, the Department.
    folded = re.sub(r"\bconseils? (?:regional|regionaux|de (?:la )?region)\b", "region", folded)
    folded = re.sub(r"\bconseils? departementa(?:l|ux)\b", "departement", folded)
    # « Et la Région, elle y contribue à quelle hauteur ? »: « la Région contribue ».
    folded = re.sub(
        r"\b((?:la |le |les |l')(?:region|departement|metropole|europe))\s*,\s*"
        r"(?:elle|il|ils|elles)(?: y| en| lui| leur)?\b",
        r"\1",
        folded,
    )
    payer = _NAMED_PAYER.search(written)
    org = payer.group("org") if payer else ""
    if not org and (first := _PAYER_FIRST.search(written)) and _ASKS_MONEY_OF.search(folded):
        org = first.group("org") or first.group("whose")
    if (
        org
        and not fold(org).startswith(_NOT_PAYERS)
        and fold(org) not in {fold(n) for n in names}
        and not _OTHER_FUNDER.search(folded)  # « la Région Auvergne-Rhône-Alpes verse »
    ):
        return org
    if re.search(r"\betat\b|france 2030", folded):
        return ""
    found = _OTHER_FUNDER.search(folded)
    if found is None:
        # « La Région a lancé un projet…, elle met combien dedans elle-même ? »
        itself = re.search(r"\b(elle|lui|eux|elles)-memes?\b", folded)
        named = re.search(r"\b(?:la|le|les|l') ?(region|departement|metropole|europe)\b", folded)
        return named.group(1) if itself and named and "combien" in folded else ""
    if not _ASKS_MONEY_OF.search(folded):
        return ""  # « la Région finance quels projets ? » asks no amount
    return (
        found.group("who")
        or found.group("from")
        or found.group("by")
        or found.group("whose")
        or found.group("after")
    )


#: How a refusal names each funder (« ne précise pas le montant apporté par la Région »).
_FUNDER_NAMES = {
    "region": "la Région", "departement": "le Département", "metropole": "la Métropole",
    "collectivite": "les collectivités", "collectivites": "les collectivités",
    "europe": "l'Europe", "union europeenne": "l'Union européenne", "feder": "le FEDER",
}  # fmt: skip


def funder_label(funder: str) -> str:
    """What is missing when a funder's money is not given: « le montant apporté par la
    Région »."""
    name = _FUNDER_NAMES.get(funder, funder)
    if funder not in _FUNDER_NAMES and " " in funder:
        name = f"« {funder} »"  # « l'Université de… » needs an article it may not have
    return f"le montant apporté par {name}"


def names_funder(funder: str, text: str) -> bool:
    """Whether ``text`` names the ``funder`` a question asks about (« la région
    académique » is no Region)."""
    folded = fold(text).replace("region academique", "")
    words = fold(funder).split()
    if len(words) > 1:
        # « l'Université de Caen Normandie »: its name, not « universités … de Caen ».
        return re.search(rf"\b{re.escape(' '.join(words[:3]))}\b", folded) is not None
    return re.search(rf"\b{re.escape(fold(funder)[:6])}", folded) is not None


#: A question naming who pays (the State, France 2030, a public aid or grant, a Region).
_FUNDER_NAMED = re.compile(
    r"\betat\b|france 2030|subvention|\baide|public|gouvernement|dotation|region|europe"
)
#: « Toutes sources confondues », « tous financeurs confondus »: the whole cost is asked.
_ALL_FUNDERS = re.compile(
    r"\b(toutes|tous) (les )?(sources|financements|financeurs|apports|contributions)"
    r"( de financement)?"
    r"( confondu)?|\bcofinancements? compris\b|\by compris (les )?(cofinancements|apports)"
)


def names_a_funder(question: str) -> bool:
    """Whether ``question`` names who pays (« l'État », « une subvention », « la Région »)."""
    return bool(_FUNDER_NAMED.search(fold(question)))


def asks_all_funders(question: str) -> bool:
    """Whether ``question`` asks the whole cost, all funders together (« toutes sources
    confondues »)."""
    return bool(_ALL_FUNDERS.search(fold(question)))
