"""What a sentence must hold to answer a slot of the record (budget, aid, date, lead…).

The slot's words (« subvention », « porté par ») and the record's own value written as the
corpus writes it (« 14,2 M€ », « 17 avril 2023 »), and the sentences that say a value is
not published.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.text.folding import fold
from assistant.text.numbers import NOT_AN_AGE, format_date, format_eur, format_int, normalize

if TYPE_CHECKING:
    from assistant.answering.question import Slot
    from assistant.catalog import ProgrammeRecord

#: (Spaces match any white space: a sentence of a document may run over a line break.)
NOT_PUBLISHED = re.compile(
    r"n'(est|a|ont) pas (ete )?(publie|communique|connu|precise|rendu|indique|trouve|retrouve|"
    r"detaille|chiffre|etabli)|non (publie|communique|precise|connu)|aucun(e)? (montant|chiffre|"
    r"source|information)|pas de (montant|chiffre)|ne (sont|est) pas (publie|communique|connu|detaille|"
    r"precise|indique|rendu|cite)|ne precisent? pas(?! si\b)|n'indiquent? pas|inconnu|"
    r"n'affichent? pas de (nombre|chiffre|montant)".replace(" ", r"\s+")
)
DATE_RE = re.compile(
    r"\b(19|20)\d{2}\b|\b(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|"
    r"novembre|decembre)\b"
)
DURATION_RE = re.compile(
    NOT_AN_AGE
    + r"\b\d+ (ans|annees|mois|semaines|heures)\b|\bjusqu'(en|a)\b|\bde 20\d\d a 20\d\d\b|20\d\d-20\d\d"
)
LEVELS_RE = re.compile(
    r"\b(cap|bac|bts|but|licence|master|doctorat|ingenieurs?|lyceens?|etudiants?|salaries?|"
    r"demandeurs d'emploi|apprentis?|collegiens?|enseignants|formateurs|niveaux?)\b"
)
#: A qualifier in brackets or after a comma (« (opérateur pour l'État) », « , opérateur »).
_QUALIFIER = re.compile(r"\s*\([^)]*\)|,.*$")
MONEY_RE = re.compile(r"€|\beuros?\b")
#: A yearly rate (« 1 600 personnes formées par an »), asked or given.
PER_YEAR = re.compile(r"\bpar an\b|\bpar annee\b|\bchaque annee\b|\bannuel(le)?(ment)?\b|/an\b")
SLOT_WORDS: dict[str, re.Pattern[str]] = {
    "state_aid": re.compile(r"etat|france 2030|subvention|aide|financ|dotation"),
    "budget": re.compile(r"budget|cout|total|montant"),
    "people": re.compile(
        r"personnes|former|formes|apprenants|jeunes|etudiants|objectif|cible|embauch|recrut|"
        r"emplois|postes|salaries|eleves|stagiaires|diplomes|specialistes|formateurs|enseignants"
    ),
    "date": DATE_RE,
    "duration": DURATION_RE,
    # Whole words: « apporte » (the State's money) is no « porte » (who carries it).
    "lead": re.compile(
        r"\bport(e|ee|ees|es|ent)\b(?! sur)|\bporteur|\bpilot|\bcoordon|\bcoordin|\bdirig|\bmene par|chef de file|"
        r"\bresponsable (du|de la|des)\b|"
        # « Un AMI lancé par l'État et la Banque des Territoires »: who launched a scheme.
        r"\b(lance|initie)e?s? par\b"
    ),
    "partners": re.compile(
        r"partenaire|consortium|reunit|associe|membres|particip|implique|\bavec l'association\b|"
        r"\bcooper|\bcollabor|\bouverture (europeenne|internationale)\b"
    ),
    "audience": LEVELS_RE,
    # Something done (a count of what was opened, trained, run), not a target.
    "achievements": re.compile(
        r"\bbilan\b|\bdeja\b|a ce jour|\b(a|ont|avait|avaient) (deja )?(ouvert|forme|cree|lance|"
        r"accueilli|organise|realise|equipe|mis en place|deploye|permis|touche|sensibilise|diplome|"
        r"reuni|produit|publie|signe|obtenu|dispense|delivre|accompagne)\b|"
        r"\bdepuis (son|sa|leur) (lancement|demarrage|creation)\b|ont ete (formes|crees|ouverts|organises|accueillis|"
        r"sensibilises|lances|deployes|diplomes)|premiere promotion|\binaugur"
    ),
    # What is taught: a sentence naming themes, fields or trades.
    "topics": re.compile(
        # « couvrent les niveaux bac+3 à bac+8 » tells levels, not what is taught.
        r"\bthemes?\b|thematiques?|\bcouvre(?!\w* (les |tous les )?niveaux)|\bdomaines?\b|"
        r"specialites?|\bmetiers vises|\bformations?, en particulier (dans|en)\b|"
        r"\bfilieres (jugees|strategiques|ciblees|visees)|\b(deux|trois|quatre|cinq|\d+) filieres|"
        r"\bmetiers (de|du|des|d')(?!avenir)|\bcompetences (en|de|du|des|d')|\bportent? (sur|notamment)|"
        r"\b(forme|forment|former|formera) (a|aux|au) |\bmodules? (de|sur|en|d')|\benseign\w* (de|du|des|la|le|les)\b|"
        # Courses named (« des CQP d'opérateur de tri manuel, le titre d'agent… »).
        r"\bformations proposees\b|\bcqp\b|certificats? de qualification|titres? professionnels?"
    ),
}


#: The acronym of « Campus des métiers et des qualifications ».
_CMQ = re.compile(r"\bCMQ\b")
_CMQ_WORDS = "Campus des métiers et des qualifications"


def slot_values(record: ProgrammeRecord, slot: Slot) -> list[str]:
    """The record's value for ``slot`` as documents write it (empty when not known)."""
    if slot == "state_aid" and record.state_aid_eur is not None:
        return [format_eur(record.state_aid_eur), format_int(record.state_aid_eur) + " €"]
    if slot == "budget" and record.budget_total_eur is not None:
        return [format_eur(record.budget_total_eur), format_int(record.budget_total_eur) + " €"]
    if slot == "people" and record.people is not None:
        return [format_int(record.people)]
    if slot == "date" and record.status_date:
        return [format_date(record.status_date)]
    if slot == "lead" and record.lead:
        # « Banque des Territoires (opérateur pour l'État) »: documents name the lead and
        # say its role in their own words.
        plain = _QUALIFIER.sub("", record.lead).strip()
        values = [record.lead] if plain == record.lead or not plain else [record.lead, plain]
        # « CMQ d'excellence … » is written out in full by the documents.
        return [*values, *(_CMQ.sub(_CMQ_WORDS, v) for v in values if _CMQ.search(v))]
    if slot == "region":  # where it runs: its towns first, then its regions
        return [*record.cities, *(r for r in record.regions if r != "National")]
    return []


def holds_value(text: str, value: str) -> bool:
    """Whether ``text`` holds ``value`` as written, a number whole: « 8 000 » is not in
    « 800 000 », nor « 2,2 M€ » in « 12,2 M€ »."""
    needle = re.escape(normalize(value))
    if value[:1].isdigit():
        needle = r"(?<![\d,.])" + needle
    if value[-1:].isdigit():
        needle += r"(?![\d]|,\d)"
    return re.search(needle, normalize(text)) is not None


#: « Dans quelle ville… ? », « quelle commune… ? »: a town is asked, not a region.
#: Nouns naming a programme (« le projet », « la formation ») or who is in it (« les
#: partenaires »), not a thing it is about; and the adjectives that may come before them.
_PROGRAMME_NOUNS = (
    r"(?:projet|programme|formation|campus|ecole|dispositif|pole|cursus|parcours|laureat|"
    r"centre|institut|academie|cmq|ami|siege|partenaire|membre|acteur)s?"
)
_ADJECTIVES = r"(?:futur|future|nouvel|nouveau|nouvelle|grand|grande|petit|petite)s?"
_BEFORE_NOUN = rf"(?:{_ADJECTIVES} )?(?!{_ADJECTIVES}\b)"
#: « Dans quelle ville ? »; « Où se trouvent les usines… ? », « les usines…, elles sont
#: où ? »: where a thing the question names is (its towns), not the programme's region.
TOWN_ASK = re.compile(
    r"\bquelles? (villes?|communes?|agglomerations?)\b|"
    rf"\bou (?:se (?:trouve|situe)(?:nt)?|sont|est) (?:les |la |le |l'){_BEFORE_NOUN}"
    rf"(?!{_PROGRAMME_NOUNS}\b)[a-z]\w+|"
    rf"^(?:les |la |le |l'){_BEFORE_NOUN}(?!{_PROGRAMME_NOUNS}\b)[a-z]\w+\b.*,\s*"
    r"(?:elles?|ils?) (?:sont|est|se trouvent?|se situent?) ou\b(?!\s*pas\b)"
)
#: « Installé dans quel établissement ? »: a place named by its name, not a town.
SITE_ASK = re.compile(r"\b(dans|a|au) quel(le)? (etablissement|lycee|batiment|lieu|campus)\b")


#: « Déjà », « à ce jour »: what has been done is asked, not what is planned.
_DONE_ASK = re.compile(
    # « c'était quel pourcentage déjà ? » asks to be reminded, not a result so far.
    r"\b(deja(?!\s*\?*\s*$)|a ce jour|jusqu'ici|jusqu'a present|pour l'instant|a date|reellement|effectivement|"
    r"a mi[- ](parcours|chemin)|(a|ont)(-t-(il|elle|ils|elles))? finalement|"
    # « … a-t-il formées au total à la fin du programme ? »: done, in the past.
    r"a la fin (du|de son|de ce) (programme|projet)|en fin de (programme|projet)|"
    r"(a|ont)-t-(il|elle|ils|elles) (forme|accueilli|diplome|recrute|embauche)e?s?)\b"
)
#: A sentence giving a target (« vise », « prévoit », « d'ici 2030 »).
_TARGET = re.compile(
    r"\b(vise\w*|prevoi\w*|doit|doivent|devra\w*|objectif|ambition\w*|d'ici|a former|"
    r"entend\w*|cible|attendus?|compte former|veut|veulent)\b|"
    # An objective listed as a verb (« former 1 500 formateurs en 5 ans ; »).
    r"^\W*(former|accueillir|creer|ouvrir|sensibiliser|equiper|diplomer|recruter)\b"
)


#: « Avec l'objectif revu à mi-parcours, ils veulent former combien ? » asks a target (not
#: « effectivement formés à ce jour, au regard de son objectif »).
_TARGET_ASK = re.compile(r"\bobjectif|\b(veu\w*|vise\w*|compte\w*|prevoi\w*) former\b")


def target_for_result(question: str, text: str) -> bool:
    """Whether ``question`` asks what has been done so far (« déjà », « à ce jour ») and
    ``text`` only gives a target (« vise 8 000 personnes d'ici 2030 »)."""
    folded = fold(text)
    done = [m.group() for m in _DONE_ASK.finditer(fold(question))]
    if done and all(d.startswith("a mi") for d in done) and _TARGET_ASK.search(fold(question)):
        return False  # « l'objectif revu à mi-parcours »: when the target was revised
    return bool(
        done
        and _TARGET.search(folded)
        and not SLOT_WORDS["achievements"].search(folded)
        and not _DONE_ASK.search(folded)  # « …, dont une vingtaine en place à mi-parcours »
    )
