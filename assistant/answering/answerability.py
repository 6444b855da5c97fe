"""Answerability: what a question asks for, and whether the documents hold it.

A question has a *focus* (what is asked: a salary, a course length, enrolment dates, a
contact…) and an expected *kind* of answer (an amount, a duration, a date, a yes/no…). A
sentence answers only if it holds that focus (its evidence pattern) — a nearby sentence
about the same programme, with a number in it, is not an answer. When no sentence of the
documents holds the focus, the assistant says exactly what is missing.

The step also judges whether the question is about the collection at all: that score is
in :mod:`assistant.answering.domain`, and re-exported here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

# The domain score lives in its own module; its names are re-exported here, where the
# chain and the bench have always imported them.
from assistant.answering.domain import (
    CALIBRATION_FILE,
    FEATURES,
    DomainSignals,
    content_tokens,
    domain_probability,
    domain_signals,
)
from assistant.text.folding import fold
from assistant.text.numbers import NOT_AN_AGE

__all__ = [
    "CALIBRATION_FILE",
    "FEATURES",
    "FOCI",
    "DomainSignals",
    "Focus",
    "Kind",
    "content_tokens",
    "domain_probability",
    "domain_signals",
    "focus_by_key",
    "focus_of",
    "holds",
    "is_related",
]

Kind = Literal["amount", "count", "date", "duration", "place", "organisation", "yesno", "text"]


@dataclass(frozen=True)
class Focus:
    """One thing a question can ask about a programme that its document may not give."""

    key: str
    #: What is missing, as it reads after « ne précise pas » (« le salaire des métiers visés »).
    label: str
    kind: Kind
    ask: re.Pattern[str]
    evidence: re.Pattern[str]
    #: Sentences worth showing when the focus is missing (« the project runs for 5 years »
    #: when the course length is asked), or None.
    related: re.Pattern[str] | None = None


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


#: What a course is called (« le programme » is the project: its horizon is documented).
_COURSE = (
    r"(formations?|cursus|cours|parcours|modules?|stages?|cycles?|apprentissage|"
    # A course named by its certificate (« le CQP opérateur de tri, il dure combien ? »).
    r"cqp|certificats?|titres? pro\w*|bts|licences? pro\w*|masters?|mineures?|bachelors?)"
)

#: Foci in order of precedence (the first whose question pattern matches wins).
FOCI: tuple[Focus, ...] = (
    Focus(
        "handicap",
        "l'accueil des personnes en situation de handicap",
        "yesno",
        _re(r"handicap|\bpmr\b|mobilite reduite"),
        _re(r"handicap|\bpmr\b|mobilite reduite"),
    ),
    Focus(
        # « Est-ce qu'on est payé pendant la formation ? »: the trainee's pay, not the
        # budget (« 20 M€ ») nor the trade's salary.
        "remuneration_formation",
        "la rémunération des apprenants pendant la formation",
        "amount",
        _re(
            r"\b(on est|je suis|je serai|je serais|on sera|on serait|est-on|suis-je|serai-je|"
            r"sont-ils|sont-elles|ils sont|elles sont|etre) (bien |aussi |quand meme )?"
            r"(paye|remunere|indemnise)e?s?\b|"
            r"\b(paye|remunere|indemnise)e?s? (pendant|durant) (la |leur |sa |ma |une |cette |les )?"
            r"(formation|apprentissage|alternance|stage|cursus|cours)|"
            r"\b(remuneration|indemnisation|indemnites?|bourses?)\b.{0,20}\b(des |de l'|du )?"
            r"(apprenants?|stagiaires?|apprentis?|alternants?|eleves?|etudiants?|formation)"
        ),
        _re(
            r"remunere|remuneration|indemnis|\bbourses?\b|salaire|\bsmic\b|"
            r"aides? (financieres? )?(aux|pour les) (apprenants|stagiaires|apprentis|etudiants)"
        ),
    ),
    Focus(
        "salaire",
        "le salaire ou la rémunération des métiers visés",
        "amount",
        _re(
            # « les appels à projets gagnés par la Région » are won, not a salary.
            r"salaires?\b|remunere|remuneration|\bgagne(nt|r|s)?\b(?!\s+par\b)|"
            # « Combien touche un technicien ? », not « combien a touché REMED ? » (money).
            r"combien (touche|paye|gagne)\w* (un|une|les|des|on|je|tu)\b|"
            r"combien (on|je|tu) (touche|gagne|serai|sera)|"
            # « l'État paye combien pour ces projets ? » asks a funding (money).
            r"(?<!etat )(?<!region )(?<!2030 )"
            r"\b(c'est |c'etait |ca sera |ce sera )?(paye|payee|remunere)e?s? combien\b|"
            r"(touche|paye)\w* .{0,20}(par mois|par an\b|brut|net\b)|"
            r"\brevenus?\b|\bsmic\b|(brut|net) (par|mensuel)|fiche de paie"
        ),
        _re(
            r"salaire|remunere|remuneration|\bbrut\b|net par mois|par mois|\bsmic\b|grille salariale"
        ),
    ),
    Focus(
        "taux_insertion",
        "le taux d'insertion professionnelle des personnes formées",
        "count",
        _re(
            r"taux (d'insertion|de reussite|d'emploi|de placement)|insertion professionnelle|"
            r"(trouve|decroche)\w* (un |du )?(emploi|travail|job|poste)|"
            r"(emploi|travail|poste|embauche)\w* .{0,30}apres (la|leur|sa) formation|"
            r"combien .{0,40}(en emploi|embauche)\w* .{0,30}apres|"
            # « ils embauchent à la sortie ? », « il y a des débouchés ? »
            r"\bembauch\w* (a la sortie|en sortie|apres|derriere|ensuite)|\bdebouches\b"
        ),
        _re(
            r"taux d'insertion|taux de reussite|taux d'emploi|insertion professionnelle de|"
            r"\d+ ?%.{0,40}(emploi|embauch|insertion|diplome)|(trouv|decroch)\w* (un )?emploi"
        ),
    ),
    Focus(
        "contact",
        "de contact (téléphone ou adresse électronique)",
        "text",
        _re(
            r"\bcontact\w*|telephone|numero (de|du|pour)|\bjoindre\b|\be-?mail\b|\bmail\b|"
            r"courriel|adresse (postale|mail|electronique|e-mail)|\bappeler\b|interlocuteur|"
            r"\breferent\b|qui (dois-je|faut-il|puis-je) (contacter|appeler|ecrire)|"
            r"a (qui|quel(le)? (service|bureau|personne|guichet)) .{0,40}(s'adresser|ecrire|"
            r"m'adresser|se renseigner)|"
            # « auprès de qui se renseigner ? », not « auprès de qui fait-il découvrir… ? »
            r"aupres de qui (?!.{0,60}\b(decouvr|sensibilis|intervien|present|agi)\w*)"
        ),
        _re(r"[\w.+-]+@[\w-]+\.\w|(\+33 ?\d|\b0\d)([ .]?\d\d){4}\b|telephone|courriel|contact ?:"),
    ),
    Focus(
        "hebergement",
        "les possibilités d'hébergement des apprenants",
        "yesno",
        _re(
            r"hebergement|heberge|\binternats?\b|\blogement|\bloge(r|s|e|es)?\b|\bdormir\b|residence etudiante"
        ),
        _re(r"hebergement|\binternats?\b|logement|residence etudiante"),
    ),
    Focus(
        "a_distance",
        "si les formations peuvent être suivies à distance",
        "yesno",
        _re(
            r"a distance|en ligne|distanciel|\bvisio|e-?learning|\bmooc\b|depuis chez (moi|soi|eux)|"
            r"sans se deplacer"
        ),
        _re(r"a distance|en ligne|distanciel|e-?learning|\bmooc\b|hybride"),
    ),
    Focus(
        "age_minimum",
        "les conditions d'âge pour entrer en formation",
        "count",
        _re(
            r"\bage\b|\bages?\b (minimum|maximum|requis|limite)|quel age|limite d'age|trop (vieux|jeune|age)|"
            r"\bmineurs?\b|\bdes \d+ ans\b|\d+ ans (minimum|ou plus)|"
            r"(jeune|personne|eleve|enfant|adolescent|senior)s? de \d+ ans|\ba \d+ ans\b"
        ),
        _re(
            r"\bage\b|\d+ ans (minimum|et plus|ou plus|au moins)|moins de \d+ ans|plus de \d+ ans|"
            r"a partir de \d+ ans|des \d+ ans|\bmineurs?\b|\d+ a \d+ ans"
        ),
    ),
    Focus(
        "admission",
        "les conditions d'admission (diplôme ou niveau requis)",
        "text",
        _re(
            r"conditions? d'(admission|acces|entree)|pre-?requis|niveau (requis|minimum|exige)|"
            r"(diplome|niveau|bac)\w* (faut-il|dois-je|doit-on) (avoir|posseder)|"
            r"(faut-il|dois-je|doit-on) avoir (le |un |une |quel )?(bac|diplome|niveau)|"
            # Joining a course (« pour intégrer le master ? »), not incorporating something
            # into one (« retenue pour intégrer le numérique dans ses cursus »).
            r"pour (y )?(r?entrer|etre admis|acceder)\b|"
            r"pour (y |l')?integrer\b(?![^?]{0,60}\bdans (ses|leurs|les|son|sa|leur|des|le|la) )|"
            r"criteres? (d'admission|de selection)|"
            r"\b(faut|faudrait)(-il)? (avoir )?quel(le)?s? (bac|diplome|niveau|moyenne)|quelle moyenne|"
            r"\best-ce (qu'il y a|qu'on passe) (une )?selection|sur dossier\s*\?"
        ),
        _re(
            r"admission|prerequis|pre-requis|\brequis\b|accessibles? (aux|apres|avec|des|sur)|"
            r"ouvert(e|es|s)? aux titulaires|titulaires? d|sur dossier|\bselection\b|concours d'entree"
        ),
    ),
    Focus(
        "places_restantes",
        "le nombre de places encore disponibles",
        "count",
        _re(
            r"places? (restantes?|disponibles?|libres?|vacantes?)|reste-t-il des places|places? .{0,20}\breste|"
            r"\breste\w* (encore )?(combien de|des|de|assez de) places|reste-t-il (encore )?(des |de )?places|"
            r"encore (des|de la) places?|\bcomplet(e|es|s)?\b|liste d'attente|deja pleins?"
        ),
        _re(r"places? (restantes?|disponibles?|libres?|vacantes?)|\bcomplet|liste d'attente"),
    ),
    Focus(
        "horaires",
        "les horaires ou le rythme des cours",
        "text",
        _re(
            # « Quel jour ont lieu les cours ? », not « présenté quel jour ? » (a date).
            # « le volume horaire » is a number of hours, not a timetable.
            r"(?<!volume )horaires?|emploi du temps|a quelle heure|planning|le soir|week-?end|"
            r"quels? jours?.{0,40}\b(cours|classes?|ateliers?|seances?|formations?)\b|"
            r"\b(cours|classes?|ateliers?|seances?)\b.{0,40}quels? jours?|"
            r"rythme (des|de la|du) (cours|formation|alternance)|temps partiel|cours du soir"
        ),
        _re(
            r"horaires?|emploi du temps|\d+ ?h ?\d* ?(a|-) ?\d+ ?h|du lundi|le soir|week-?end|rythme"
        ),
    ),
    Focus(
        "dates_inscription",
        "les modalités et les dates d'inscription",
        "date",
        _re(
            r"\b(date|quand|comment|ou|jusqu'a quand|periode|calendrier|delai|modalites?)\w* .{0,30}"
            r"(inscri(?!ts? (\w+ )?dans)|candidat|postul)|(inscriptions?|candidatures?) .{0,25}(ouv|ferm|commenc|debut|"
            r"limite|date|clos)|\b(inscriptions?|candidatures?)\b[^?]{0,50}\bquand\b|date limite|parcoursup|procedure d'(inscription|admission)|"
            r"dossier de (candidature|inscription)|s'inscrire\b.{0,20}\?|comment (candidater|postuler)|"
            r"\bm'inscrire\b|\bje (veux|voudrais|souhaite|aimerais) (candidater|postuler)"
        ),
        # « X s'inscrit dans la démarche Rev3 », « attirer des candidats » tell no enrolment.
        _re(
            r"inscri(?!ts? (\w+ )?dans)|candidat(ure|er)|postuler|date limite|parcoursup|admission"
        ),
    ),
    Focus(
        "cout_par_apprenant",
        "le coût de formation par apprenant",
        "amount",
        _re(
            # « le coût de la formation BATTENA pour un apprenant »: a name may come between.
            r"\bcouts? de (?:la )?formation [^?,;]{0,40}? (?:par|pour (?:un|une|chaque)) "
            r"(?:apprenant|stagiaire|etudiant|eleve|personne|jeune|salarie|beneficiaire|tete)s?\b|"
            r"\bcout\w*(?: moyen| unitaire)?(?: de (?:la )?formation)? (?:par|pour (?:un|une|chaque)) "
            r"(?:apprenant|stagiaire|etudiant|eleve|personne|jeune|salarie|beneficiaire|tete)s?\b|"
            r"\bcout unitaire\b|\bcombien (?:coute|revient) (?:la formation d'|la formation de |"
            r"chaque )(?:un |une )?(?:apprenant|stagiaire|etudiant|eleve|personne)\b"
        ),
        _re(
            r"\bpar (apprenant|stagiaire|etudiant|eleve|personne formee|beneficiaire|tete)\b|"
            r"cout unitaire"
        ),
    ),
    Focus(
        "emplois_crees",
        "le nombre d'emplois créés",
        "count",
        _re(
            r"\bemplois? (?:ont ete |a ete |deja |effectivement )*crees?\b|"
            r"\bcreations? (?:d'|de nouveaux )emplois\b|\bcree\w* combien d'emplois\b"
        ),
        _re(
            r"\bemplois? (?:ont ete |a ete |deja )*crees?\b|\bcreations? d'emplois|\bcree\w* (?:plus de |pres de |environ )?\d"
        ),
    ),
    Focus(
        "cout_apprenant",
        "le coût éventuel des formations pour les apprenants",
        "yesno",
        _re(
            r"gratuit|payant|(faut-il|dois-je|doit-on|doit-il|doit-elle|doivent-ils) payer|"
            r"\bcombien (sont |coutent )?les frais\b|\bles frais (pour|de) (suivre|s'inscrire|"
            r"participer|faire|entrer)\b|"
            r"\b(a|doit|doivent) payer (pour|quelque chose)|frais (d'inscription|de scolarite|inscription|scolarite|de "
            r"formation|pedagogiques)|combien (coute|coutent) (la|une|les|ces) (formations?|cours)|"
            # « a-t-il reçu des prix ? », « quels prix a-t-il remportés ? » ask awards
            r"(?<!\bdes )(?<!\bun )(?<!\bdeux )(?<!plusieurs )(?<!\bquels )\bprix\b(?! \w+ (remporte|gagne|obtenu|recu|decroche))|\b(coute|coutent|cout|prix|tarif)\w* (de |d')?(l'|les? )?inscriptions?\b|\binscriptions? cout\w*|\b(me|te|nous|vous|lui|leur) (coute|couterait|coutera|reviendrait|reviendra)\w*\b|cout\w* combien (de|pour) (suivre|faire|s'inscrire)|"
            r"\btarifs?\b|reste a (ma )?charge|\bcpf\b|compte personnel de formation|"
            r"\bcout\w* (a|pour) (une|l'|mon|son|leur|notre|votre) (entreprise|employeur)|"
            r"\bcout\w* .{0,30}\bl'inscription\b|"
            r"cout (pour|a la charge de) (l'apprenant|les apprenants|moi|l'eleve|le stagiaire)|"
            # « ça coûte combien pour les apprenants ? »
            r"\b(coute|coutent|couter)\w* combien (pour|aux?) (les |l'|un |une )?(apprenants?|"
            r"stagiaires?|eleves?|etudiants?|participants?|candidats?|familles?)|"
            # « Combien coûte le master « New Space » pour un salarié qui le paie lui-même ? »
            r"combien (coute|coutent) (l'|le |la |les |un |une )?(executive )?(master|formation|"
            r"cursus|cours|diplome|licence|bts|cap|titre|certificat|parcours|module|stage)s?\b|"
            r"\b(coute|cout|payer|paie|paye|finance)\w* .{0,40}\b(lui-meme|elle-meme|de sa poche|"
            r"soi-meme)"
        ),
        _re(
            r"gratuit|payant|frais d'inscription|frais de scolarite|frais pedagogiques|reste a charge|"
            r"\btarifs?\b|\bcpf\b|a la charge (de l'apprenant|des apprenants|du stagiaire)"
        ),
    ),
    Focus(
        "diplome",
        "le diplôme ou la certification délivrés",
        "text",
        _re(
            # « diplômer », « combien de diplômés », « a-t-il diplômées » count people; they
            # ask no diploma.
            # « quels niveaux de diplômes ? » asks levels (« du brevet professionnel au
            # doctorat »), not the diploma delivered.
            r"(?<!combien de )(?<!de jeunes )(?<!offre de )(?<!liste des )(?<!-t-il )(?<!-t-elle )"
            r"(?<!niveaux de )(?<!niveau de )"
            r"diplome(?!r|e)|certification|certifiant|titre (professionnel|rncp)|"
            r"quel (titre|certificat)|"
            r"(obtient|obtenir|decroche|delivre)\w*.{0,30}(a la fin|en fin|a l'issue|au terme)|"
            r"a l'issue de la formation"
        ),
        _re(
            r"diplome|certification|certifiant|titre professionnel|\brncp\b|\bbts\b|"
            r"\blicences?\b|\bmasters?\b|\bcap\b|bac pro|titre d'ingenieur|certificat|\bmba\b"
        ),
    ),
    Focus(
        "duree_formation",
        "la durée des formations",
        "duration",
        _re(
            r"(combien de (temps|mois|semaines|annees|ans|jours|heures)|en combien de|quelle (est la )?"
            r"duree|nombre d'heures|volume horaire|\bdure(nt)?\b|longueur).{0,60}"
            + _COURSE
            + r"|"
            + _COURSE
            + r".{0,40}(\bdure(nt)?\b|\bduree|combien de (temps|mois|semaines|heures))|"
            r"(termine|finit|boucle)\w* .{0,30}" + _COURSE + r".{0,20}en combien"
        ),
        _re(
            r"\b\d+ ?(heures|h|jours|semaines|mois)\b.{0,60}"
            + _COURSE
            + r"|"
            + _COURSE
            + r".{0,60}\b\d+ ?(heures|h|jours|semaines|mois)\b|duree (de la|des|d'une) formation"
        ),
        related=_re(
            rf"\bsur \d+ ans\b|{NOT_AN_AGE}\b\d+ ans\b|"
            r"horizon|jusqu'(en|a) 20\d\d|de 20\d\d a 20\d\d"
        ),
    ),
)

_BY_KEY = {focus.key: focus for focus in FOCI}


#: A bracketed aside, one level of nesting deep (« (Santé numérique (lauréats CMA)) »).
_BRACKETS = re.compile(r"\s*\((?:[^()]|\([^()]*\))*\)")


#: Courses described as certifying (« formations diplômantes ou certifiantes »).
_CERTIFYING_KIND = re.compile(
    r"\b(formations?|places|parcours|cursus)( \w+)? (diplomante|certifiante)s?"
    r"( (ou|et) (diplomante|certifiante)s?)?\b"
)


def focus_of(question: str) -> Focus | None:
    """The focus a (standalone) question asks about, if it is one of :data:`FOCI`."""
    # Brackets name (« Et pour s'inscrire (SENS) ? », a condensed follow-up), they ask nothing.
    folded = _BRACKETS.sub("", fold(question))
    if "combien" in folded:
        # « Combien de places en formations diplômantes ou certifiantes… ? » counts places;
        # the adjectives say which, they ask no diploma.
        folded = _CERTIFYING_KIND.sub(" ", folded)
    for focus in FOCI:
        if focus.ask.search(folded):
            return focus
    return None


def focus_by_key(key: str) -> Focus:
    return _BY_KEY[key]


def holds(focus: Focus, sentence: str) -> bool:
    """Whether ``sentence`` holds ``focus`` (and so can answer a question about it)."""
    return bool(focus.evidence.search(fold(sentence)))


def is_related(focus: Focus, sentence: str) -> bool:
    """Whether ``sentence`` says something close to ``focus`` worth showing with a refusal."""
    return focus.related is not None and bool(focus.related.search(fold(sentence)))
