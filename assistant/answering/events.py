"""Which event a date question asks about, and whether a sentence dates that event.

« DécarboChim doit se terminer quand ? » is not answered by « Début 2024 : démarrage du
projet », nor « Le prochain forum de l'alternance, c'est quand ? » by the date the
programme was announced: each sentence holds a date, of another event. Some events are
named by words every answer uses (a convention is « signée », a forum is a « forum »): a
question about them is refused when no dated sentence names them. Others are told in too
many ways (« désigné lauréat », « retenu », « annoncé ») to refuse: a preference only.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from assistant.text.folding import fold
from assistant.text.numbers import MONTHS


@dataclass(frozen=True)
class Event:
    """An event a date question may ask about."""

    label: str  # « la date de fin », for « La fiche X ne précise pas … »
    ask: re.Pattern[str]  # in the folded question
    said: re.Pattern[str]  # in the folded sentence that dates it
    strict: bool  # refuse when no dated sentence tells it


def _re(pattern: str) -> re.Pattern[str]:
    """A pattern over folded text."""
    return re.compile(pattern)


_MONTHS = "(" + "|".join(fold(m) for m in MONTHS) + ")"


#: « la prochaine session », asked and told in the same words.
_NEXT_SESSION = _re(
    r"\bprochaine?s? (sessions?|rentrees?|promotions?|promos?|cohortes?|inscriptions?)\b"
)

EVENTS: tuple[Event, ...] = (
    Event(
        "la date de fin",
        _re(
            # « fin 2025 » in the question dates something else (« ouvrira fin 2025 ? »).
            r"\b(se termine\w*|terminer|termine|finir|finit|s'acheve\w*|achev\w*|clotur\w*|"
            r"jusqu'a quand|echeance)|\bfin\b(?! (\d{4}|" + _MONTHS + r"))"
        ),
        # An end, or a span that has one (« du 1er juin 2021 au 30 avril 2022 », « de 2022
        # à 2027 »).
        _re(
            r"\bfin\b|\btermin|\bachev|\bjusqu|\bclotur|\becheance|\bhorizon|\bd'ici\b|"
            r"\bdu .{1,30}\bau \d|\bde \d{4} a \d{4}\b|\b\d{4} ?- ?\d{4}\b"
        ),
        strict=True,
    ),
    Event(
        "la date de signature",
        _re(r"\bsign\w*|\bconvention\b"),
        _re(r"\bsign\w*|\bconvention"),
        strict=True,
    ),
    # « Quand l'académie … a-t-elle été inaugurée ? »: its official launch (« lancement
    # officiel de la Décarbo Industrie Académie ») is the event asked.
    Event(
        "la date d'inauguration",
        _re(r"\binaugur\w*"),
        _re(r"\binaugur|\blancement officiel\b|\bofficiellement (lance|inaugur|ouvert)"),
        strict=True,
    ),
    Event("la date de la prochaine session", _NEXT_SESSION, _NEXT_SESSION, strict=True),
    Event(
        "la date d'accueil des premiers apprenants",
        _re(
            r"premiere?s? (apprenants|etudiants|eleves|stagiaires|promotions?|cohortes?)|"
            r"\brentree\b|\baccueill\w*|\bouvr\w* (ses|les|leurs) portes|"
            # « le Ferrocampus il ouvre quand ? », « elle a ouvert quand ? »
            r"\bouvr(e|ent|ira|iront|ait)\b|\b(a|ont) ouvert\b"
        ),
        _re(
            r"premiere?s? (apprenants|etudiants|eleves|stagiaires|promotions?|cohortes?)|"
            r"\brentree\b|\baccueill\w*|\bouvr\w* (ses|les) portes|\bouvert|\bouverture|"
            r"\binaugur"
        ),
        strict=True,
    ),
    Event(
        "la date des travaux",
        _re(r"premiere pierre|\btravaux\b|\bchantier\b"),
        _re(r"premiere pierre|\btravaux\b|\bchantier\b"),
        strict=True,
    ),
    Event(
        "la date de publication des résultats",
        _re(r"\b(conclusions?|resultats?|restitution|synthese)\b"),
        _re(
            r"\b(conclusions?|resultats?|restitution|synthese|laureats|liste des|annonc\w*|"
            r"selectionn\w*)\b"
        ),
        strict=True,
    ),
    Event(
        "la date de lancement",
        _re(r"\blance\w*|\blancement|\bdemarr\w*|\bcommence\w*|\bdebute\w*"),
        _re(r"\blanc|\bdemarr|\bcommen|\bdebut|\bouvert|\bouverture|\bkick"),
        strict=False,
    ),
    Event(
        "la date de sélection",
        _re(r"\blaureat|\bretenu|\bselectionn\w*|\bdesigne|\bprime\b"),
        _re(r"\blaureat|\bretenu|\bselection|\bdesign|\bprime|\bannonc"),
        strict=False,
    ),
    Event(
        "la date de présentation",
        _re(r"\bpresente\w*|\bdevoile\w*|\bannonce\w*"),
        _re(r"\bpresent|\bdevoil|\bannonc|\blanc"),
        strict=False,
    ),
)

#: The end of a programme: the one event a horizon (« d'ici 2030 ») dates.
END = EVENTS[0]

#: Gatherings a question names: the sentence must name the same one.
_GATHERING_WORDS = (
    r"forum|salon|seminaire|colloque|webinaire|conference|hackathon|journee portes ouvertes|"
    r"portes ouvertes"
)
_GATHERING = re.compile(rf"\b({_GATHERING_WORDS}|rencontres?|concours)(?![\w-])")


#: « Lors de quel événement… ? », « à quelle occasion ? »: a gathering is asked, by name.
_OCCASION_ASK = re.compile(r"\b(?:quel|quelle)s? (?:evenement|occasion|manifestation)s?\b")
#: A sentence naming a gathering (« au salon VivaTech », « au Salon de l'agriculture »):
#: the gatherings a question may name, and a few more (not « avec le concours de la
#: Région », nor the verb « rencontre »).
_NAMES_GATHERING = re.compile(
    rf"\b({_GATHERING_WORDS}|rencontres|concours(?! de\b)|sommet|congres|ceremonie|assises|"
    r"festival|visite)(?![\w-])"
)


def asks_occasion(question: str) -> bool:
    """Whether ``question`` asks at which gathering something happened (« Lors de quel
    événement le lauréat a-t-il été annoncé ? »)."""
    return _OCCASION_ASK.search(fold(question)) is not None


def names_gathering(sentence: str) -> bool:
    """Whether ``sentence`` names a gathering (« annonce du lauréat au salon VivaTech »)."""
    return _NAMES_GATHERING.search(fold(sentence)) is not None


def events_asked(question: str) -> list[Event]:
    """The events a date question names (none for a plain « quand ? »)."""
    # « ouvrira-t-elle ses portes ? » asks as « ouvrira ses portes ? » does.
    folded = re.sub(r"-(t-)?(il|elle|ils|elles|on)\b", "", fold(question))
    found = [e for e in EVENTS if e.ask.search(folded)]
    gathering = _GATHERING.search(folded)
    if gathering:
        noun = re.escape(gathering.group(1).rstrip("s"))
        said = _re(rf"\b{noun}(?![\w-])|\b{noun}s(?![\w-])")
        found.append(Event("la date de cet événement", _GATHERING, said, True))
    return found


#: A horizon (« 8 000 personnes formées d'ici 2030 », « doit ouvrir d'ici 2026 »): when
#: something is to be done, not when the programme ends.
_HORIZON = re.compile(
    r"\becheances? (?:des|de ses) objectifs\b|\b(?:d'ici|(?:a l')?horizon)"
    r"(?: (?:la |a la )?fin)?(?: (?:de )?l'annee)? (?:20\d\d)(?: ?- ?20\d\d)?"
)


def tells(events: list[Event], sentence: str) -> bool:
    """Whether ``sentence`` names one of ``events`` (a target's horizon does not date the
    programme's end)."""
    folded = fold(sentence)
    for event in events:
        if event.label == "la date de fin":
            if event.said.search(_HORIZON.sub(" ", folded)):
                return True
            continue
        if event.said.search(folded):
            return True
    return False


#: A question about something done (« a-t-il été retenu ? », « date de quand ? »).
_PAST_ASK = re.compile(r"\b(a|ont|avait|avaient)(-t-(il|elle|ils|elles))? ete\b|\bdate de quand\b")


def asks_past(question: str) -> bool:
    """Whether ``question`` asks the date of something done (« a-t-il été lancé ? »)."""
    return _PAST_ASK.search(fold(question)) is not None


def horizon_only(text: str) -> bool:
    """Whether every year of ``text`` is a target's horizon (« d'ici 2030 ») or still to
    come (« 20 biothérapies en 2030 »): no date of something done."""
    folded = fold(text)
    years = re.findall(r"\b20\d\d\b", folded)
    horizons = re.findall(r"\b(?:d'ici|horizon|jusqu'(?:en|a))\s+(?:fin\s+)?(20\d\d)\b", folded)
    this_year = datetime.date.today().year
    past = [y for y in years if int(y) <= this_year and y not in horizons]
    return bool(years) and not past
