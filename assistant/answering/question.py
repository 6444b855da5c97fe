"""What a question asks for: the programmes, places and sectors it names, and its intent."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from assistant.answering.answerability import DomainSignals, Focus, focus_of
from assistant.answering.funders import funder_asked
from assistant.answering.scope import restricted_to
from assistant.answering.trades import trade_asked
from assistant.catalog import says_diagnostic
from assistant.text.counts import counted_noun
from assistant.text.folding import fold
from assistant.text.sentences import questions_in

if TYPE_CHECKING:
    from assistant.catalog import Catalog

Slot = Literal[
    "state_aid",
    "budget",
    "people",
    "date",
    "duration",
    "region",
    "lead",
    "partners",
    "audience",
    "achievements",
    "topics",
]
#: Slots whose answer is an amount or a headcount.
FIGURE_SLOTS = ("state_aid", "budget", "people")

#: « les filières éligibles », « quels secteurs sont concernés ? »: what is taught, not who
#: may enrol (« éligible » alone asks the audience).
_FIELDS_ASKED = (
    r"\b(filieres?|secteurs?|domaines?|thematiques?) (sont |est )?(eligibles?|concerne\w*|"
    r"vise\w*|retenu\w*|couvert\w*)\b"
)

_SLOTS: tuple[tuple[Slot, re.Pattern[str]], ...] = tuple(
    (slot, re.compile(pattern))
    for slot, pattern in (
        (
            "state_aid",
            r"aide (de l'?etat|publique|(de )?france 2030)|quelle aide .{0,40}(recu|obtenu|touche|percu)|subvention|financement (de l'?etat|public|"
            r"france 2030|de france 2030)|(vient|apporte|verse|finance|donne|paye|met)\w* .{0,20}l'?etat|"
            r"l'?etat (lui |leur |y )?(a |ont )?(apporte|finance|verse|met|mis|donne|paye|contribue|injecte|investi|file|allonge)|soutien (de l'?etat|financier|public)|"
            r"part (de l'?etat|publique)|(contribution|participation)( financiere)? de l'?etat|"
            r"finance par l'?etat|argent public|"
            r"(dotation|enveloppe|montant|somme|financement|combien|argent).{0,40}(france 2030|l'?etat)|"
            r"(france 2030|l'?etat).{0,40}(dotation|enveloppe|montant|somme|accord|verse|apporte|"
            r"(?<!\bs')donne\b|file\b)|"
            r"combien d'argent|(vient|apporte|verse|finance|part|donne)\w* .{0,20}france 2030|"
            # « la part issue des appels à projets France 2030 »
            r"\bpart (issue|provenant|venant)\w* d.{0,30}france 2030|"
            # « c'est pas l'État qui le finance ? Il met combien ? », « l'État qui l'a financé »
            r"l'?etat qui (le |la |les |l'|y )?(a |ont )?(finance|paye|subventionne)\w*\b|"
            r"france 2030 (apporte|finance|verse|donne|contribue)|(montant|somme|argent|combien(?! de (programmes|projets|dispositifs|formations|laureats)\b)).{0,40}(accorde|octroye|attribue|alloue|"
            r"recu|obtenu|touche|percu)|(montant|somme)\b.{0,20}\b(recoi|percoi|obtien)\w*|(recu|obtenu|touche|percu|decroche)\w* combien\b(?! d(e |'))|"
            # « il a reçu combien de l'AMI CMA ? »: from the call, the State's aid.
            r"(recu|obtenu|touche|percu|decroche)\w* combien de l'?(ami|appel)\b|cagnotte|coup de pouce|fonds publics|deniers publics|"
            r"apport (de l'?etat|public)|mise (de l'?etat|publique)|enveloppe publique|montant (de l'|d')aide|combien d'aide|"
            # « Combien l'école … reçoit-elle de France 2030 ? »
            r"\b(recoi|recev|touch|obtien|percoi)\w*(-t)?(-(il|elle|ils|elles))? (de |d'|par )(l'?etat|france 2030)\b",
        ),
        (
            "budget",
            r"budget|cout (total|global|estime|prevu|previsionnel|complet)|quel est le cout\b|"
            r"montant (total|global)|coute|combien coute|enveloppe|"
            # « s'est doté d'une académie » acquired something, no money.
            # « doté d'une salle blanche » is equipment, « doté d'une enveloppe de … » money.
            r"(?<!s'est )(?<!se )\bdote\b(?! d'une? (?!(enveloppe|dotation|budget|aide|subvention|"
            r"financement|somme|montant)\b))|dotation|taille financiere|investissement total|\bpese\w* combien|"
            r"combien (ca |il |elle )?pese|poids financier|(estime|evalue|chiffre)\w* a combien(?! de)|combien (?!de |d')[^?]{0,90}\bconsacre",
        ),
        (
            "people",
            r"combien d(e |')(personnes|jeunes|apprenants|stagiaires|etudiants|salaries|gens|"
            r"demandeurs|eleves|actifs|professionnels|specialistes|formateurs|enseignants|adultes|"
            r"lyceens|inscrits|participants|beneficiaires)|"
            # « il veut faire quoi du nombre d'élèves ? » asks what is done, not a count.
            r"(?<!\bquoi du )(?<!\bdouble du )nombre (exact |total |precis )?d(e |')(personnes|jeunes|apprenants|stagiaires|etudiants|salaries|eleves|"
            r"specialistes|formateurs|adultes|inscrits)|(objectif|cible) de formation|combien .{0,30}former|"
            r"personnes (a )?former|combien .{0,30}formes|(le|la) (plus|moins) (de |d')(personnes|jeunes|"
            r"apprenants|etudiants|stagiaires|eleves|monde|gens|formateurs|salaries|actifs)|"
            r"\bforme\w* le (plus|moins)\b|personnes formees|combien .{0,40}(recruter|"
            r"embaucher|embauches|recrutements|emplois|postes)|former combien|combien de profs\b",
        ),
        (
            "date",
            r"\bquand\b|quelle date|depuis quand|date de (lancement|debut)|en quelle annee|"
            r"\bquel jour\b|\ben quel mois\b|"
            r"a quel moment|lance quand|annonce quand|\bquelle rentree\b|"
            r"\b(ouvr|demarr|commenc)\w* (en |a )?quelle (annee|rentree|periode)|"
            # « Lequel a été lancé en premier ? »: the dates of both.
            r"\b(lance|annonce|demarre|cree|retenu|selectionne)e?s? (en premier|en dernier|"
            r"le premier|le dernier|(le )?plus tot|(le )?plus tard)\b",
        ),
        (
            "duration",
            r"combien de temps|quelle duree|quelle est (la|sa) duree( maximale| totale| prevue)? "
            r"(du|de ce|de son|d'un) (projet|programme|dispositif|financement)\b|sur quelle (duree|periode)|\bdure\b|pendant combien( de temps)?|"
            r"jusqu'a quand|quel horizon|combien d'heures|combien d'annees|sur combien de (mois|ans)|"
            r"\bs'etale|"
            # « … et de la durée du projet » (the project's, not a course's length)
            r"\b(la|sa) duree (du|de son|de ce|de l') ?(projet|programme|dispositif|financement)",
        ),
        (
            "region",
            r"quelle region|dans quel(le)?s? (regions?|villes?|zones?|communes?)|\bquelles villes\b|"
            # « Est-il régional ou national ? », « quel territoire couvre… ? »
            r"\b(regional|national) ou (national|regional)\b|\bquel territoire couvre\b|"
            r"\b(est|sont)(-il|-elle|-ils|-elles)? (un |une )?(projet |programme |dispositif )?"
            r"(national|regional)e?s?\b|"
            r"ou (se situe|se trouve|est situe|a lieu|"
            r"se deroule|est implante)|\bou est\b|sur quel territoire|quel territoire|"
            # « Elle a ouvert quand et où ? »
            r"\bquand et ou\b|\bou et quand\b|"
            # « Où se sont tenues les rencontres ? », « où a eu lieu l'inauguration ? »
            r"\bou (s'est|se sont|se tient|se tiennent|se tiendra|ont eu|a eu) (tenue?s?|deroulee?s?|lieu)\b|"
            r"\b(installe|situe|implante|localise|base|ouvert|demarre|lance)e?s? ou\b|ca se passe ou\b|"
            # « L'EN2R, c'est où ? » (« ou » ends it: « c'est public ou privé ? » asks no place)
            r"\bc'?est ou( exactement| precisement)?\s*(\?|$)|\b(ca|il|elle|ils|elles) (est|sont) "
            r"ou\s*(\?|$)|"
            r"\b(installe|situe|implante|localise|base|heberge)e?s? (dans|a|au) quel(le)? "
            r"(etablissement|lycee|batiment|lieu|campus)\b",
        ),
        (
            "lead",
            r"qui (l[ae] |les |l')?(porte|pilote|coordonne|gere|est le porteur|dirige|mene|"
            r"portait|pilotait|coordonnait|gerait|dirigeait|menait|a porte|a pilote|a coordonne)|"
            r"quel(le)? (structure|organisation|organisme|etablissement|entite|universite|ecole|"
            r"acteur|association|institution) (a |ont |avait )?(le |la |l')?(porte|pilote|coordonne|gere|"
            r"dirige|mene|anime)\b|"
            # « Quel campus des métiers et des qualifications porte le programme … ? »
            r"\bquel(le)?s? (structure|organisation|organisme|etablissement|universite|ecole|campus|cmq|"
            r"lycee|laboratoire|association|institution|groupement|entreprise)s?\b[^?,;]{0,50}? "
            r"(porte|pilote|coordonne|dirige)(nt)?(?! sur)\b|"
            r"qui (est|se cache|se trouve|il y a|y a) derriere|c'est qui derriere|qui est a l'origine|qui est aux commandes|"
            # « c'est quel établissement derrière ? », « c géré par quel organisme ? »
            r"\bquel(le)? \w+ (est )?derriere\b|\b(gere|anime)e?s? par (qui|quel)|"
            r"qui (l'|les )?organise|\bqui l'anime\b|"
            # « Efalia, c'est quelle université ? », « efalia mineures ia quelle univ »
            # (not after a preposition: « délivré par quel établissement ? »)
            r"(?:^[\w' -]{0,40}|\bc'est)(?<!\bpar)(?<!\bdans)(?<!\bde)(?<!\ba)(?<!\bau)"
            r"(?<!\bdu) quel(le)? (universite|ecole|structure|organisme|etablissement)\s*\?\s*$|"
            # « Qui en assure le pilotage ? », « qui a la coordination du projet ? »
            r"\bqui (en |l'|les )?(assure|a|prend|exerce|detient)\w* (le |la )?(pilotage|coordination|"
            r"direction|portage|animation)\b|"
            # « Sous le pilotage de qui … ? », « sous la direction de quelle université ? »
            r"\bsous (le |la |l')?(pilotage|direction|coordination|egide|responsabilite) "
            r"(de qui|de quel)|"
            # « apporté par EDF » is money given, not who carries it.
            r"porteur|\bporte par|"
            r"\bpilote par|chef(fe)? de file|coordinat(eur|rice)|\bcoordonne par|porteuse",
        ),
        (
            "partners",
            r"partenaires?|consortium|\bparticip(e|ent)\b|quels acteurs|membres|\bassocie(s|nt)?\b|"
            r"quel(le)?s (etablissements|organismes|structures|entreprises|acteurs) .{0,30}"
            r"(particip|associe|implique|engage|reuni|compos|accompagn)|avec quels (acteurs|organismes|"
            r"etablissements|structures|entreprises)|(travaill|collabor)\w* avec (qui|quels)|"
            r"aux cotes de qui|(bosse|travaille|collabore|coopere|s'associe|s'allie)\w* avec quel(le)?s? |"
            r"\bavec quel(le)?s? (asso(ciation)?s?|partenaires?|organismes?|structures?)\b",
        ),
        (
            "audience",
            r"pour qui|qui peut|public (vise|cible|concerne)|quels? publics?|a qui s'adresse|"
            r"\bqui (est|sont|etait|seront) (vise|cible|concerne)s?\b|"
            r"s'adresse\w* a quels?\b|"
            r"quels? niveaux?|ouvert a|accessible|eligible|"
            # « Qui peut s'inscrire ? », not « Et pour s'inscrire ? » (how to enrol).
            r"\b(peut|peuvent|peux|puis|pourrai\w*)(-(je|on|il|elle))? (m'|s')inscrire",
        ),
        (
            # What has been done so far, not what is planned (« qu'a-t-il déjà réalisé ? »).
            "achievements",
            r"(deja|a ce jour|jusqu'(ici|a present|a maintenant)|concretement) (ete )?(realise|fait|"
            r"accompli|obtenu|produit|mis en place)|realisations|qu'a-t-(il|elle) (deja )?(fait|realise|"
            r"accompli)|quel(s|le|les)? (bilan|resultats?|premiers resultats)|ou en est|\ben (est|sont)\w* ou\b|"
            r"premiers? (bilan|resultats)|qu'(a|ont) (deja )?(fait|realise|donne)",
        ),
        (
            # What is taught: its themes, fields, trades (« on y apprend quoi ? »).
            "topics",
            r"apprend\w* quoi|qu'est-ce qu'on (y )?apprend|qu'(y )?apprend-on|quoi (y )?apprendre|"
            r"quel(le)?s (themes?|thematiques?|sujets?|domaines?|specialites?|matieres|disciplines|"
            r"filieres|metiers|competences)\b|(couvre|aborde|traite|enseigne)\w* quoi|"
            r"sur quoi (porte|portent)|(forme|forment|former) a quoi|dans quels? domaines?|"
            # « c koi les formations qu'on peut faire ? », « quoi comme formations ? »
            r"\bc(?:'est|est)? quoi (les|ses|leurs|comme) (formations|cursus|diplomes|parcours)|"
            r"\bquoi comme (formations?|cursus|diplomes?)|\bquels? types? de (formations?|cursus)|"
            # « connaître les filières éligibles au dispositif »
            + _FIELDS_ASKED,
        ),
    )
)

#: « la liste des lauréats … a été annoncée / est connue »: the list as an event.
_LIST_MADE_PUBLIC = re.compile(
    r"\bla liste\b.{0,80}\b(annonce|publie|devoile|connue|rendue publique|officialise)e?s?\b"
)

_LIST = re.compile(
    # « À quelle date l'école… ? » asks a date, not which schools.
    # « c'est quoi les projets … ? », « quoi comme formations ? »
    r"\b(c'?est|c|ce sont) quoi (les|ces) (programmes|formations|projets|dispositifs|laureats)\b|"
    r"\bquoi comme (programmes?|formations?|projets?|dispositifs?)\b|"
    r"\b(quel(le)?s?(?= (programmes?|formations?|projets?|dispositifs?|laureats?|initiatives?|ecoles?|"
    r"campus|offres?|parcours|sont|est|etaient|seront|autres?|nouve(aux|lles?)|types?|genres?|sortes?|"
    r"existe\w*|y a)\b)|lesquel(le)?s|liste[rz]?|existe-t-il|existe-il|il existe|y a-t-il|y-a-t-il|il y a|trouver|"
    r"ya t il|y a t il)\b.{0,60}\b(programmes?|formations?|projets?|dispositifs?|laureats?|"
    r"initiatives?|ecoles?|campus|offres?|parcours)\b|\b(programmes?|formations?|projets?|"
    r"dispositifs?|laureats?)\b.{0,40}\b(existe|disponibles?|proposes?|pres de chez moi|"
    r"autour de moi|dans ma region|pres de moi)|\b(ca|cela) existe\b|"
    r"\b(que|qu'est-ce que|quoi)\b.{0,40}\b(propose|offre|existe)\w*.{0,40}\b(se former|formation|former)|"
    r"\b(se former|me former|formations?)\b.{0,60}\b(pres de|autour de|dans la region|a cote de|vers)\b|"
    # « je suis à Limoges, y a quoi comme projets de formation ? »
    r"\b(y a|ya|il y a|existe)(-t-il)? quoi comme (projets?|formations?|programmes?|dispositifs?)\b"
)
#: « sur quel campus », « dans quelle école »: a place asked, one site.
_WHICH_SITE = re.compile(r"\b(sur|dans|a|au) quel(le)? (campus|site|ecole|lycee)\b")
_COUNT = re.compile(
    r"\bcombien (de|d')\s?(programmes?|projets?|dispositifs?|laureats?|formations?)\b.{0,80}"
    r"\b(en|dans|sur|concernent?|portent|pour|region|secteur|filiere|touchent|couvrent|"
    r"existent|implantes?|situes?)\b"
)
_SUPERLATIVE = re.compile(
    r"\b(le|la|les) (mieux|moins bien) (finance|dote)\w*|\b(mieux|moins bien) (finance|dote)s?\b|"
    r"\b(recoit|recoivent|touche|touchent|obtient|obtiennent|percoit|percoivent|beneficie|recu|"
    r"obtenu|percu|eu)\w* (le plus|le moins)\b|\ble (plus|moins) (d'argent|d'aide|de subvention|de financement|de budget|"
    r"de moyens|de personnes|d'apprenants|de formateurs|d'enseignants|d'apprentis|d'etudiants|"
    r"d'eleves|de stagiaires|de jeunes)\b|\ben tete\b|\bplus gros(se)?s?\b|"
    r"\b(le|la|les) (plus|moins) (cher|chere|chers|couteux|couteuse|lourd|lourde|subventionne\w*)\b|"
    r"\b(le|la|les) (plus|moins) (gros|grosse|grand|grande|important|importante|eleve|elevee|fort|forte|petit|petite|faible|modeste|bas|basse|"
    r"finance|financee|ambitieux|ambitieuse|richement|dote|dotee)\b|\b(plus|moins) (d'aide|"
    r"de budget|de financement|de personnes|d'argent|de subvention)|\bclasse(ment|r)?\b|"
    r"(?<!\bau )\bmaximum\b|(?<!\bau )\bminimum\b|\bordre (croissant|decroissant)\b|\bcompar"
)
#: « Le plus gros projet hydrogène, piloté depuis Toulouse, combien d'heures… ? »: a
#: superlative naming the topic, before a comma; the question asks something of it.
_TOPIC_SUPERLATIVE = re.compile(
    r"^\W*(le|la|les) (plus|moins) \w+ (projets?|programmes?|dispositifs?|campus|ecoles?|"
    r"diagnostics?|laureats?)\b[^?]*?,"
)
#: « …, c'est lequel ? »: the superlative is what is asked after all.
_WHICH_ONE = re.compile(r"\b(lequel|laquelle|lesquel(le)?s|c'est qui|c'est quoi)\b")


def _superlative_topic(folded: str) -> bool:
    """Whether the question's superlative only names its topic (see _TOPIC_SUPERLATIVE)."""
    topic = _TOPIC_SUPERLATIVE.match(folded)
    return topic is not None and not _WHICH_ONE.search(folded[topic.end() :])


#: What a ranking of the catalogue ranks: its programmes, or their money, people, partners.
_RANKED = re.compile(
    r"\b(programmes?|projets?|dispositifs?|laureats?|formations?|consortiums?|diagnostics?|"
    r"argent|aides?|financ\w*|budgets?|subventions?|dote\w*|euros?|personnes|gens|jeunes|"
    r"apprenants|etudiants|eleves|stagiaires|apprentis|formateurs|enseignants|partenaires|"
    r"cher\w*|couteu\w*|gros\w*)\b"
)
#: « a reçu le plus », « touche le moins d'argent »: the superlative is on money received
#: (not « a reçu le plus de candidatures »).
_RECEIVES = re.compile(
    r"\b(recoit|recoivent|recu|touche|touchent|obtient|obtenu|percoit|percu)\b\s+"
    r"(le plus|le moins)\b(?!\s+d(e |'|es )(?!argent|aide|subvention|financement|l'etat|"
    r"france|credit|fonds|euros))"
)
_MIN = re.compile(r"\bmoins\b|\bminimum\b|\bcroissant\b|\bplus (petit|faible|modeste)")
_MONEY_ASK = re.compile(
    r"\b(somme|montant|euros?|argent|financ(?!\w* par\b)\w*|budget|enveloppe|dotation|cout\w*|subvention\w*|"
    r"aide financiere|combien (?!de temps).{0,60}(investi|injecte|verse|apporte|coute|paye|"
    r"alloue|accorde|finance|donne))\b(?! par\b)|"
    r"\b(recu|touche|obtenu|percu|decroche|mis|injecte|investi)\w* combien\b(?! d(e |'))|"
    # « Combien Efalia a-t-il touché ? » (not « combien de personnes ont reçu… »)
    r"\bcombien (?!d(e |'))[^?]{0,60}\b(recu|touche|obtenu|percu|decroche|empoche)\b|"
    r"combien (?!de temps)[^?]{0,60}\bmet(tent)?(-t)?(-(il|elle|ils|elles))? (dans|sur|pour)\b|"
    # « Le plan … il met combien pour les formations ? »
    r"\b(il|elle|ils|elles|on) (met|mettent|a mis|ont mis) combien\b"
)
#: « Quelle part… ? », « quel pourcentage… ? »: a share is asked (a number, or « la moitié »).
SHARE_ASK = re.compile(
    r"\bquelle (part|proportion)\b|\bquel pourcentage\b|\ba quelle hauteur\b|"
    r"\b(c'est quoi|quelle est) (la|le) (proportion|pourcentage|part)\b|\bla proportion (exacte|reelle)\b"
)
#: « combien … ? », « quel est le nombre … ? », and a keyword query with no question word
#: (« ferrocampus nombre d'inscrits 2024 »).
_NUMBER_ASK = re.compile(
    r"\bcombien\b|\bvolume horaire\b|^(?!.*\b(quel\w*|lesquel\w*|quoi|comment|pourquoi|qui|quand)\b)[^?]*\bnombre d(e |')\w+|\bquel(le)? (est le |est la )?(montant|nombre|budget|somme)\b|"
    + SHARE_ASK.pattern
)
#: « Quel est le budget du… », « quelle est la subvention de la… »: one figure asked.
_ONE_FIGURE = re.compile(r"\bquel(le)? (est|etait|sera) (le|la|l')\b")
#: « Qui préside… », « qui dirige l'école qui… »: a question on someone else than the lead.
_ASKS_OTHER_THAN_LEAD = re.compile(
    r"^\W*qui (?!(l[ae] |les |l')?(porte|pilote|coordonne|gere|est|dirige|mene|organise|anime)\b)"
    r"\w+ .{0,40}\b\w+ qui (porte|pilote|coordonne)\b"
)
#: « dans quelle ville se trouve le siège du campus qui porte FORTEIM ? »: the carrier
#: describes whose place is asked.
_CARRIER_DESCRIBED = re.compile(
    r"\b(?:du|de la|de l'|le|la|l')\s?(?:campus|organisme|structure|ecole|universite|"
    r"entreprise|etablissement|association|pole|centre|acteur|societe|reseau) qui "
    r"(?:porte|pilote|coordonne|mene)\b"
)
#: « le projet… », « ce programme… »: one programme is the subject.
_ONE_NOUNS = r"projet|programme|campus|dispositif|cursus|pole|reseau"
_ABOUT_ONE = re.compile(rf"\b(le|ce|du|au) ({_ONE_NOUNS})\b")
#: A question that asks who (« Qui… ? », « Par qui… ? », « Avec qui… ? »), not a
#: relative « qui » inside it. « Pour qui… ? » and « À qui s'adresse… ? » ask for the
#: audience (a slot of its own), not for a name.
_WHO = re.compile(
    r"^\W*(?:et |mais )?(?:par |avec |aupres de |de )?qui\b(?! sont les)|\bqui est-ce\b|"
    # Spoken forms: « c'est qui le responsable… ? », « je cherche qui porte… ».
    r"^\W*(?:et |mais )?(?:c'est qui|qui c'est)\b|"
    r"\b(?:savoir|dire|demande\w*|(?:re)?cherche\w*|trouve\w*) qui (?:est|dirige|porte|pilote)\b|"
    # « Y a pas quelqu'un de nommé comme responsable ? »
    r"\bquelqu'un (?:de )?(?:nomme|designe|responsable|charge|a la tete)\b"
)
#: Offices a sentence does not write before the name (« Alain Rousset, président de la
#: Région », not « le responsable politique Alain Rousset »): any person named answers.
ANY_OFFICE_WORDS = r"responsables? politiques?|personnalites?(?: politiques?)?|elue?s?"
#: « Quel recteur… ? », « quelle ministre… ? », « quel membre du gouvernement… ? »: a
#: person holding an office is asked.
WHICH_PERSON = re.compile(
    r"\b(?:quel(?:le)?s?|comment s'appel\w+ (?:le|la|les)|(?:le|les) noms? d(?:u|e la|es)) "
    r"(?:(?:autre|grand|grande|haut|haute) )?"
    r"(recteur|rectrice|ministre|president|presidente|directeur|directrice|"
    r"maire|depute|deputee|senateur|senatrice|prefet|prefete|secretaire d'etat|"
    r"membre du gouvernement|membres du gouvernement|"
    # « Quel responsable politique… ? », « quelle personnalité… ? », « quel élu… ? »
    rf"{ANY_OFFICE_WORDS})s?\b"
)


def asks_who(question: str) -> bool:
    """Whether ``question`` asks who does something (its answer names someone), or which
    office-holder (« Quel recteur est venu… ? »); :mod:`~assistant.answering.who` finds
    the sentence naming them."""
    folded = fold(question)
    return bool(_WHO.search(folded) or WHICH_PERSON.search(folded))


#: « à quelle hauteur », « quel montant »: an amount asked beside a who (« Qui finance OSMOSE
#: et à quelle hauteur ? »).
_HOW_MUCH = re.compile(
    r"\ba (quelle )?hauteur\b|\bquel(le)?s? (est |sont )?(le |la |les )?(montant|somme|chiffre)"
)
#: « le plus », « le moins »: a figure compared, in a question the superlative pattern
#: does not take for a ranking (« Qui forme le plus de monde … ? »).
_MOST = re.compile(r"\ble (plus|moins)\b")
#: « quels diplômes », « quelles filières », « de quel niveau »: which things of it, not
#: which programmes.
_WHICH_OTHER = re.compile(
    r"\bquel(le)?s? (?!(programmes?|formations?|projets?|dispositifs?|laureats?|initiatives?|"
    r"ecoles?|campus|offres?|parcours|est|etait|sera|sont|etaient|seront|autres?)\b)\w+"
)
_PLURAL = re.compile(r"\b(programmes|formations|projets|dispositifs|laureats|ecoles|offres)\b")
#: « Combien de gens l'État veut-il former ? » counts people, it asks for no money.
_PEOPLE_COUNTED = re.compile(
    r"\bcombien d(e |')(personnes|gens|jeunes|apprenants|stagiaires|etudiants|salaries|eleves|"
    r"actifs|professionnels|specialistes|formateurs|enseignants)\b"
)


@dataclass
class QuestionInfo:
    """Analysis of one (standalone) question."""

    text: str
    programmes: list[str] = field(default_factory=list)
    generic: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    #: Regions the question leaves out (« en dehors de l'Île-de-France », « hors Paris »).
    excluded_regions: list[str] = field(default_factory=list)
    #: Programmes the question leaves out (« À part GENHYO, quels autres projets… ? »).
    left_out: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)
    wants_list: bool = False
    wants_count: bool = False
    superlative: Literal["max", "min"] | None = None
    wants_number: bool = False
    wants_money: bool = False
    outside_ami: bool = False
    residual: list[str] = field(default_factory=list)
    #: A trade or field asked about that is no sector label (« les métiers du textile »):
    #: its search tokens, which a listed programme's document must hold.
    trade: list[str] = field(default_factory=list)
    #: How the question writes that trade (« textile »), for the answer.
    trade_text: str = ""
    #: The one programme the question describes without naming it (« l'école de Verkor »).
    described: str | None = None
    #: What the question asks that a document may not give (salary, enrolment dates…).
    focus: Focus | None = None
    #: Who pays, when the question names a funder other than the State (« la Région met
    #: combien dans REMED ? »): the folded start of its word (« region »).
    funder: str = ""
    #: Rounds of the call the question names (« la 3e vague »: ``{"round": {3}}``).
    rounds: dict[str, set[int]] = field(default_factory=dict)
    #: The one town or year a figure is asked for alone (« spécifiquement à Douai », « pour
    #: la seule année 2024 »), folded; a programme's whole figure does not answer it.
    only: str = ""
    #: Set by the answerability step: is the question about this collection at all?
    domain: DomainSignals | None = None
    domain_probability: float = 1.0

    @property
    def slot(self) -> Slot | None:
        return self.slots[0] if self.slots else None

    @property
    def is_multi(self) -> bool:
        """Whether the answer is about several programmes (list, count, ranking)."""
        if len(self.programmes) >= 2 and self.slot in FIGURE_SLOTS:
            return True
        if self.superlative:
            return len(self.programmes) != 1
        if self.wants_count or self.wants_list:
            return (
                not self.programmes
                and not re.search(r"\bnoms?\b", fold(self.text))
                and bool(self.regions or self.excluded_regions or self.sectors or self.outside_ami)
                and len(set(self.residual) - set(self.trade)) <= 2
            )
        return len(self.programmes) >= 2 and self.slot in FIGURE_SLOTS


#: Words leaving out the place after them (« en dehors de Paris », « hors Île-de-France »).
_LEAVES_OUT = re.compile(
    r"\b(en dehors (de |d')|hors (de |d')?|a part |sauf |ailleurs qu'(en |a |au )?|"
    r"autres? qu'(en |a |au )|ailleurs que (dans |en |a )?)"
)


#: Words leaving a programme out (« sans compter RIS3 », « hors LaTêteDansLesNuages »).
_WITHOUT = re.compile(r"\b(sans (compter |inclure )?(le |la |l')?|hors |en excluant (le |la |l')?)")

#: « quels autres », « les autres projets »: the question asks about the rest.
_OTHERS = re.compile(r"\bautres\b")


def analyse(question: str, catalog: Catalog) -> QuestionInfo:
    """Recognise programmes, places, sectors and intent in ``question``."""
    folded = fold(question)
    mentioned = catalog.mentioned(question)
    info = QuestionInfo(
        text=question,
        programmes=[m for m in mentioned if not catalog.is_generic(m)],
        generic=[m for m in mentioned if catalog.is_generic(m)],
        regions=catalog.regions_in(catalog.without_names(question)),
        sectors=catalog.sectors_in(question),
        rounds=catalog.rounds_in(question),
    )
    for negation in _LEAVES_OUT.finditer(folded):
        after = folded[negation.end() : negation.end() + 40]
        left_out = catalog.regions_in(after)[:1]
        info.excluded_regions += [r for r in left_out if r not in info.excluded_regions]
        if _OTHERS.search(folded):
            # « À part GENHYO, quels autres projets… ? » asks about the others.
            named_out = [
                p
                for p in info.programmes
                if any(after.startswith(fold(n)) for n in catalog.name_forms(p))
            ]
            info.left_out += [p for p in named_out if p not in info.left_out]
            info.programmes = [p for p in info.programmes if p not in named_out]
    info.regions = [r for r in info.regions if r not in info.excluded_regions]
    if len(info.programmes) >= 2:
        # « INFORISM à lui seul, sans LaTêteDansLesNuages@UGA ? »: the programme left out
        # is not asked about.
        left_out = [
            p
            for m in _WITHOUT.finditer(folded)
            for p in info.programmes
            if any(
                folded[m.end() : m.end() + 60].startswith(fold(n)) for n in catalog.name_forms(p)
            )
        ]
        if left_out and len(set(info.programmes) - set(left_out)) >= 1:
            info.programmes = [p for p in info.programmes if p not in left_out]
    if len(info.programmes) >= 2:
        # « le projet strasbourgeois SENS … former au numérique en santé ? »: SENS is named;
        # « numérique en santé » (the santé numérique laureates' alias) is its sector.
        own = [p for p in info.programmes if not _named_by_sector_words(p, folded, catalog)]
        if own and len(own) < len(info.programmes):
            info.programmes = own
    what = without_context(question)
    info.slots = slots_of(what)
    if "date" in info.slots and (when := _WHEN_OPENING.match(fold(what))):
        # « Quand le premier versement de France 2030 a-t-il eu lieu ? » asks a date; the
        # money words say which event (unless another question word asks more: « quand et
        # pour quel montant… ? »).
        asks_more = _QUESTION_WORD.search(when.string, when.end())
        info.slots = list(dict.fromkeys(["date", *info.slots])) if asks_more else ["date"]
    head, _, tail = question.rpartition(":")
    if head and _QUESTION_WORD.search(fold(tail)) and not _QUESTION_WORD.search(fold(head)):
        # « Le projet dont le financement France 2030 a été confirmé… : qui le porte ? »:
        # what the final clause asks comes first; the words before describe.
        asked = slots_of(tail)
        info.slots = [*asked, *(s for s in info.slots if s not in asked)]
    given, _, then = question.rpartition(";")
    if (
        given
        and re.search(r"\d", given)
        and _QUESTION_WORD.search(fold(then))
        and not _QUESTION_WORD.search(fold(given))
        and (asked := slots_of(then))
    ):
        # « COMETES reçoit 20 M€ de l'État ; et le coût total, c'est combien ? »: the figure
        # before the semicolon is given, not asked.
        info.slots = asked
    if "lead" in info.slots and counted_noun(folded) not in (None, "porteur", "porteurs"):
        # « … rassemble combien d'acteurs autour de son porteur ? » asks a count, not who
        # carries it.
        info.slots.remove("lead")
    if (
        "state_aid" in info.slots
        and "budget" in info.slots
        and not re.search(r"budget|cout", folded)
    ):
        info.slots.remove("budget")
    if (
        "state_aid" in info.slots
        and (_PEOPLE_COUNTED.search(folded) or counted_noun(folded))
        and not _MONEY_ASK.search(folded)
    ):
        # « Combien de lettres d'intention ont été reçues ? » counts letters, not money.
        info.slots.remove("state_aid")
    if "people" in info.slots and "duration" in info.slots and "combien de temps" in folded:
        info.slots.remove("people")
    if (
        "lead" in info.slots
        and len(info.slots) > 1
        and "lead" not in slots_of(CARRIED_BY.sub(" ", folded))
    ):
        # « … porté par l'Université de Rennes, il s'adresse à quels niveaux ? »: the lead
        # describes the programme; the question asks something else.
        info.slots.remove("lead")
    described_by_lead = CARRIED_BY.sub(" ", folded)
    if (
        info.slots == ["lead"]
        and (_NAME_ASK.search(folded) or _QUESTION_WORD.search(described_by_lead))
        and "lead" not in slots_of(described_by_lead)
    ):
        # « Comment s'appelle le pôle … porté par l'Université de Rennes ? » asks a name,
        # « le projet porté par l'UIMM …, il travaille sur quoi ? » what it teaches.
        info.slots.remove("lead")
    if "lead" in info.slots and (
        _ASKS_OTHER_THAN_LEAD.search(folded)
        or (len(info.slots) > 1 and _CARRIER_DESCRIBED.search(folded))
    ):
        # « Qui préside l'université qui porte Cyrce ? »: « qui porte » is a relative
        # clause; the question asks who presides.
        info.slots.remove("lead")
    # « Quel est le budget du programme de microélectronique en Provence ? » asks a figure
    # of one programme described, not for a list of the region's programmes.
    # « Quelle part de formations privées ? » asks for a share, not for a list; « le projet
    # de santé numérique propose quels diplômes ? » asks something of one programme.
    info.wants_list = (
        bool(_LIST.search(folded))
        and not (
            info.slot in (*FIGURE_SLOTS, "duration")
            and _ONE_FIGURE.search(folded)
            and not _PLURAL.search(folded)
        )
        and not SHARE_ASK.search(folded)
        and not (_ABOUT_ONE.search(folded) and _WHICH_OTHER.search(folded))
        and not _statement_lists(question)
        # « … lancé sur quel campus ? » asks where one programme is, not which campuses.
        and not (_WHICH_SITE.search(folded) and not _PLURAL.search(folded))
        # « à quelle date la liste des lauréats a-t-elle été annoncée ? » asks a date.
        and not (info.slot == "date" and _LIST_MADE_PUBLIC.search(folded))
    )
    info.wants_count = bool(_COUNT.search(folded))
    if (info.wants_list or info.wants_count) and (info.regions or info.excluded_regions):
        # « formations en e-santé à Limoges ? »: a programme whose only name in the question
        # is a sector word (its alias « e-santé ») is the sector asked about, not a subject.
        info.programmes = [
            p for p in info.programmes if not _named_by_sector_words(p, folded, catalog)
        ]
    if _SUPERLATIVE.search(folded) and not _superlative_topic(folded):
        info.superlative = "min" if _MIN.search(folded) else "max"
        if not info.slots and _RECEIVES.search(folded):
            # « Quel IA Cluster a reçu le plus ? » compares the State's aid.
            info.slots = ["state_aid"]
        if not (info.slots or info.programmes or info.generic or _RANKED.search(folded)):
            # « Quelle est la plus grande université de France ? », « le classement des
            # meilleures écoles d'ingénieurs »: nothing the catalogue ranks is asked.
            info.superlative = None
    info.funder = funder_asked(folded, question, tuple(catalog.names_of(info.programmes)))
    if info.funder:
        # « Combien la Région met-elle dans REMED ? »: money, and not the State's aid.
        if "state_aid" in info.slots:
            info.slots.remove("state_aid")
        info.wants_money = True
    if (
        asks_who(question)
        and not info.superlative
        and len(info.programmes) <= 1
        and not _MOST.search(folded)
        and len(info.slots) == 1
        and info.slot in FIGURE_SLOTS
        and not _NUMBER_ASK.search(folded)
        and not _HOW_MUCH.search(folded)
    ):
        # « Quel ministre a confirmé le financement de l'école hydrogène ? » asks who, not
        # how much: the figure's words name what was done. (« Qui forme le plus de monde :
        # SENS ou … ? » compares the figure.)
        info.slots = []
    info.wants_number = bool(_NUMBER_ASK.search(folded)) or info.slot in FIGURE_SLOTS
    info.wants_money = info.wants_money or bool(_MONEY_ASK.search(fold(what)))
    info.outside_ami = bool(_OUTSIDE_AMI.search(folded))
    # A focus (salary, enrolment dates, course length…) is more specific than the slots its
    # words also match (« combien de stagiaires trouvent un emploi » is not a headcount).
    # Words of the description a question opens with ask nothing: « Le dispositif pour
    # faire évoluer les diplômes des lycées pros, il a été annoncé quand ? » asks a date.
    info.focus = focus_of(asked_part(question))
    if info.focus is not None:
        # Slots survive only in another clause (« le budget de REMED et ses dates
        # d'inscription ? »): both parts are then answered, or said to be missing.
        clauses = [c for c in re.split(r"\bet\b|;|\?", folded) if c.strip()]
        others = " ".join(c for c in clauses if not info.focus.ask.search(c))
        info.slots = [slot for slot, pattern in _SLOTS if others and pattern.search(others)]
    info.residual = _residual(question, info, catalog)
    if not info.programmes and (
        info.wants_list or info.wants_count or _PROGRAMME_OF_TRADE.search(folded)
    ):
        # « Quels projets forment aux métiers du textile… ? », and « y a-t-il un programme
        # pour les métiers de la viticulture…, et qui le porte ? » too (not « je travaille
        # dans le secteur de la boulangerie : quand ferme l'AMI ? »).
        info.trade_text, info.trade = trade_asked(
            question, info.residual, catalog, loose=not info.sectors
        )
    # « le projet strasbourgeois de numérique en santé »: a programme named only by sector
    # words (its alias « numérique en santé ») yields to one the question describes.
    by_sector_words = bool(info.programmes) and all(
        _named_by_sector_words(p, folded, catalog) for p in info.programmes
    )
    if info.superlative and len(info.programmes) == 1:
        # « l'école hydrogène de Bourgogne-Franche-Comté ou SENS ? »: one named, one described.
        rest = catalog.without_names(question)
        other = catalog.described_in(
            rest,
            regions=catalog.regions_in(rest),
            sectors=catalog.sectors_in(rest),
            asks_attribute=True,
        )
        if other and other not in info.programmes:
            info.programmes.append(other)
            info.described = other
    if (not info.programmes or by_sector_words) and not (info.is_multi or info.superlative):
        described = catalog.described_in(
            question,
            regions=info.regions,
            sectors=info.sectors,
            asks_attribute=bool(info.slots or info.focus),
        )
        record = catalog.by_id.get(described) if described else None
        # « Combien de projets CMA ont été rendus publics le 7 juin 2023 ? » names the call
        # and describes one group of its laureates (by its date): the group is asked about.
        # A question naming the call describes no single programme of it.
        # « le diagnostic aéronautique du Sud-Ouest de l'AMI CMA » describes one diagnostic.
        if record is not None and (
            not info.generic
            or record.kind == "groupe"
            or (record.kind == "diagnostic" and says_diagnostic(folded))
            # « le projet de Verkor … retenu par l'AMI CMA »: described by its carrier's
            # own name, the call named as who selected it.
            or _names_lead(record.lead, folded)
            # « le projet occitan de biothérapie, lauréat de la 2e vague de l'AMI CMA »:
            # one programme described by place or sector, the call as who selected it.
            or (
                (info.regions or info.sectors)
                and _ONE_DESCRIBED.search(folded) is not None
                and _CALL_SELECTED.search(folded) is not None
                and _HOW_SELECTED.search(folded) is None
            )
        ):
            info.described = described
            info.programmes = [described]
    asked = info.programmes or info.generic
    if info.wants_number and len(asked) == 1:
        info.only = restricted_to(
            question,
            catalog.by_id.get(asked[0]),
            catalog,
            money=info.wants_money or info.slot in ("state_aid", "budget"),
        )
    return info


#: « lauréat de la 2e vague de l'AMI CMA », « a été retenu lors de la 2e levée de l'AMI »:
#: the call named as what selected the programme a question describes (a past fact, not
#: « comment un projet peut-il être retenu par l'AMI ? »).
_CALL_SELECTED = re.compile(
    r"\b(?:laureate?s? (?:de|du|lors)|(?:a|ont) ete (?:retenue?s?|selectionnee?s?|primee?s?)|"
    r"retenue?s? (?:lors|en|a|au|par))\b[^?.;]{0,40}?\b(?:ami|cma|appel a manifestation)\b"
)
#: How a call selects, or could: no programme is described.
_HOW_SELECTED = re.compile(r"\bcomment\b|\bpeu(?:t|vent)\b|\bpourrai\w*|\bcriteres?\b")
#: A programme of a trade (« un programme … pour former aux métiers de la viticulture », « le
#: projet de formation aux métiers de la filière bois »).
_PROGRAMME_OF_TRADE = re.compile(
    r"\b(?:programme|formation|projet|dispositif|cursus|ecole|campus|former)s?\b[^.?!,;:]{0,30}"
    r"\b(?:metiers?|secteurs?|filieres?|domaines?|industries?)\b"
)
#: « le projet… », « un diagnostic… »: one programme is described (not « les projets »).
_ONE_DESCRIBED = re.compile(
    rf"\b(?:le|ce|du|au|un|une|cette|la) (?:{_ONE_NOUNS}|diagnostic|ecole)\b"
)


def _names_lead(lead: str | None, folded: str) -> bool:
    """Whether ``folded`` (a question) names ``lead`` by a name of its own (« Verkor »), not
    by a kind of institution (« Université de Toulouse » leads several programmes)."""
    if not lead:
        return False
    name = fold(lead).strip()
    return (
        len(name.split()) == 1
        and len(name) >= 4
        and re.search(rf"\b{re.escape(name)}\b", folded) is not None
    )


#: « … financé par le PIA avant France 2030, » describes the programme by its funder.
_FUNDED_BY_ANY = re.compile(r"\bfinancee?s? (par|grace a) (?!qui\b|quel)[^,?:]{0,50}")
#: « Le programme breton … porté par l'Université de Rennes, … ? » describes it by its lead.
CARRIED_BY = re.compile(
    r"\b(porte|pilote|coordonne|mene|dirige)e?s? par (?!qui\b|quel)[^,?:]{0,60}"
)
#: A name is asked (« comment s'appelle… ? », « quel est son nom ? »).
_NAME_ASK = re.compile(
    r"\bcomment (s'appelle|se nomme|s'intitule)\w*|\bquel est (le|son|leur) nom\b|"
    r"\bsous quel nom\b"
)
#: A question asking something directly (« Quel grand groupe… ? », « qui… ? »).
_ASKS_DIRECTLY = re.compile(
    r"^\W*(qui|combien|quand|ou|quel(le)?s? (?!(programmes?|formations?|"
    r"projets?|dispositifs?|laureats?|initiatives?|ecoles?|campus|offres?|parcours)\b)\w+)\b"
)


#: A word asking a question (« qui », « combien », « quel »…).
_QUESTION_WORD = re.compile(r"\b(qui|quoi|quel(le)?s?|combien|quand|comment|ou|lequel|laquelle)\b")
#: « l'état des lieux de la filière » is a survey, not the State.
_SURVEY = re.compile(r"\betats? des lieux\b")


#: « Le programme financé par France 2030 » describes it; no amount is asked unless an
#: amount word governs it (« combien est-il financé par l'État ? », « quelle part … est
#: financée par France 2030 ? »).
_FUNDED_BY = re.compile(r"\bfinancee?s? (par|grace a) (l'etat|france 2030)\b")
_AMOUNT_FUNDED = re.compile(
    r"\b(combien|montant|somme|hauteur|part|proportion|pourcentage|aide|subvention)\b"
    r"[^,?:]{0,40}\bfinancee?s? (par|grace a)\b"
)


#: A sentence of context about the asker (« Ma fille veut bosser dans le jeu vidéo mais
#: les écoles coûtent une blinde. »), a statement, not what is asked.
_CONTEXT = re.compile(r"^(je|j'|ma|mon|mes|moi|nous|notre|nos|on)\b[^?]*[.!]$", re.IGNORECASE)


def _statement_lists(question: str) -> bool:
    """Whether only a statement before the question looks like a list request (« En
    Normandie, il y a un grand projet pour former au nucléaire. Quel grand groupe le
    cofinance ? »): the question asks something of that programme."""
    asking = questions_in(question)
    return (
        asking != question
        and not _LIST.search(fold(asking))
        and bool(_ASKS_DIRECTLY.search(fold(asking)))
    )


#: « <description>, il … ? », « <description> : qui le … ? »: the description of one
#: programme picks it (retrieval did that), the rest asks what the sentence must give.
_DISLOCATED = re.compile(
    r"^(?P<topic>(?![^,:]*\b(?:combien|quand|quel|quelle|quels|quelles|comment|pourquoi)\b)"
    r"(?:le|la|l'|ce|cet|cette) ?(?:(?:futur|nouvel|nouveau|nouvelle|grand|"
    r"grande|petit|fameux|fameuse)e? )?(?:projet|programme|campus|ecole|dispositif|pole|"
    r"centre|diagnostic|cursus|consortium|plateforme|institut|reseau|parcours|truc|plan|"
    r"initiative|formation|fonds|appel|mesure)\b.{6,}?)"
    r"(?:,\s*(?:il|elle|ca|c'est|on)\b|\s:\s*)(?P<rest>[^,:]+\?)\s*$"
)


def dislocated(question: str) -> re.Match[str] | None:
    """« Le dispositif … pour les lycées professionnels, il a été annoncé quand ? »: the
    match of a question opening on a programme's description (group ``topic``) then
    asking (group ``rest``), both folded; None for other questions."""
    return _DISLOCATED.match(fold(question.strip()))


def asked_part(question: str) -> str:
    """The part of ``question`` that asks: its asking sentences (:func:`questions_in`),
    without the description a dislocated question opens with (:func:`dislocated`); folded
    when that description is left out, as written otherwise (:func:`focus_of` folds)."""
    asking = questions_in(question)
    match = dislocated(asking)
    return match["rest"].strip() if match else asking


#: A question opening on when (« Quand… ? », « À quelle date… ? », « Depuis quand… ? »).
_WHEN_OPENING = re.compile(
    r"\W*(?:et |mais )?(?:quand\b|depuis quand\b|jusqu'a quand\b|a quelle date\b|"
    r"en quelle annee\b|a quel moment\b)"
)


def without_context(question: str) -> str:
    """``question`` without its sentences of context about the asker, when a question
    follows them."""
    sentences = re.split(r"(?<=[.!?])\s+", question.strip())
    kept = [s for s in sentences if not _CONTEXT.match(s)]
    return " ".join(kept) if kept and len(kept) < len(sentences) else question


def slots_of(text: str) -> list[Slot]:
    """The slots ``text`` asks for, in order of precedence."""
    folded = _SURVEY.sub("bilan", fold(text))
    if not _AMOUNT_FUNDED.search(folded):
        folded = _FUNDED_BY_ANY.sub("", _FUNDED_BY.sub("", folded))
    slots = [slot for slot, pattern in _SLOTS if pattern.search(folded)]
    if "topics" in slots and "audience" in slots and re.search(_FIELDS_ASKED, folded):
        slots.remove("audience")  # « les filières éligibles », not who is eligible
    return slots


def without_slot_phrases(question: str) -> str:
    """``question`` folded, without the phrases that ask for a slot (« quel est le budget »,
    « où se trouve », « combien de personnes »): what is left says what it is about."""
    folded = _INVERTED_VERB.sub(" ", fold(question))
    for _, pattern in _SLOTS:
        folded = pattern.sub(" ", folded)
    return folded


#: The verb of a question with inversion (« consacre-t-il », « compte-t-elle »): it asks
#: for the slot (how much is given, how many are counted), it is not its subject.
#: A verb of hoping or asking (« espéraient-ils », « demandait-elle ») says which figure
#: is asked (the one hoped for, not the one granted): it stays.
_INVERTED_VERB = re.compile(
    r"\b(?!(esper|souhait|escompt|ambition|demand|reclam|sollicit)\w*-)[\w']+-(t-)?"
    r"(il|elle|ils|elles|on)\b"
)


def _named_by_sector_words(doc_id: str, folded: str, catalog: Catalog) -> bool:
    """Whether ``doc_id`` is named in ``folded`` only by sector words (its alias « e-santé »)."""
    names = catalog.names_in(doc_id, folded)
    return bool(names) and all(catalog.is_sector_phrase(n) for n in names)


def _residual(question: str, info: QuestionInfo, catalog: Catalog) -> list[str]:
    """Content words left once places, sectors and generic words are removed.

    A list question with specific words left (« primés lors de la 1re vague ») is about
    a fact of one document, not a filter over the catalogue.
    """
    from assistant.catalog import REGIONS, SECTOR_HINTS
    from assistant.catalog.gazetteer import place_names
    from assistant.text.tokens import tokenize

    known = set(tokenize(" ".join(info.regions + info.sectors)))
    folded = fold(question)
    known.update(tokenize(" ".join(place_names(folded))))
    for region in info.regions:
        known.update(tokenize(" ".join(REGIONS.get(region, ()))))
    for city in catalog.cities_in(question):
        known.update(tokenize(city))
    for hint in SECTOR_HINTS:
        if hint in folded:
            known.update(tokenize(hint))
    known.update(_GENERIC_TOKENS())
    return [t for t in tokenize(question) if t not in known and not t.isdigit()]


_GENERIC_WORDS = (
    "programme programmes projet projets formation formations dispositif dispositifs laureat "
    "laureats existe existent disponible propose proposes trouver chercher cherche ami cma "
    "france 2030 competences metiers avenir region secteur filiere domaine pres chez moi "
    "habite habiter vis vivre suis etudiant etudiante demandeur emploi salarie travailler "
    "travail voudrais veux souhaite aimerais interesse interesser concerne concernent devenir "
    "lyceen jeune adulte reconversion metier former apprendre initiative offre parcours ecole "
    "ecoles campus soutenu soutenus finance finances liste lister quelles quels autour "
    "dispose connais connaissez recommander conseiller peux pouvez oriente enseignant exemple"
)


def _GENERIC_TOKENS() -> set[str]:
    from assistant.text.tokens import tokenize

    return set(tokenize(_GENERIC_WORDS))


_OUTSIDE_AMI = re.compile(
    r"(ne sont pas|n'est pas|non|pas) (des |un )?(laureats? )?(de l'|du |de )?ami|hors (de l'|du )?ami|"
    r"autres? que l'ami|en dehors de l'ami|pas (lies|rattaches) a l'ami|"
    # « Quels dispositifs ne font pas partie de l'AMI CMA ? »
    r"\bne (font|fait|relevent|releve) pas (partie )?(de l'|du )ami|"
    r"\bami\b.{0,80}\bn'en (font|fait|relevent|releve) (\w+ ){0,3}pas( partie)?\b"
)
