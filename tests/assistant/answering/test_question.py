"""What a question asks: programmes, places, sectors, the figure wanted and the intent."""

from __future__ import annotations

import pytest

from assistant.answering import analyse
from assistant.catalog import Catalog


@pytest.mark.parametrize(
    ("question", "slot"),
    [
        ("Combien l'État met-il dans BATTENA ?", "state_aid"),
        ("Quel montant de subvention l'État accorde-t-il à Electro'Mob ?", "state_aid"),
        ("Quel est le budget total d'Electro'Mob ?", "budget"),
        ("Combien coûte FPI AURA ?", "budget"),
        ("Combien de personnes Electro'Mob veut-il former ?", "people"),
        ("Quand BATTENA a-t-il démarré ?", "date"),
        ("Combien de temps dure TalCyb ?", "duration"),
        ("Dans quelle région se trouve GENHYO ?", "region"),
        ("Qui porte BATTENA ?", "lead"),
        ("Quels sont les partenaires de 3NC ?", "partners"),
        ("À qui s'adresse OSMOSE ?", "audience"),
        # Everyday wordings of the same questions.
        ("Quelle est la cagnotte publique France 2030 d'Electro'Mob ?", "state_aid"),
        ("Quel montant d'aide les porteurs de l'école espéraient-ils ?", "state_aid"),
        ("OSMOSE compte former combien de profs du secondaire ?", "people"),
        ("Qui est derrière INFORISM ?", "lead"),
        ("c'est qui derrière Cyrce ?", "lead"),
        ("C-DéCIDé à Dunkerque, l'État a mis combien dessus ?", "state_aid"),
        ("Quels organismes accompagnent Verkor dans l'École de la Batterie ?", "partners"),
        ("Qu'a déjà réalisé C-DéCIDé ?", "achievements"),
        ("Quel bilan pour EN2R ?", "achievements"),
        ("C-DéCIDé, c'est qui qui l'organise ?", "lead"),
        ("INFORISM, on y apprend quoi au juste ?", "topics"),
        ("Quels domaines couvre 3NC ?", "topics"),
        ("Le campus NFP de Poitiers, l'État lui donne combien ?", "state_aid"),
        ("Le campus NFP, il est installé où exactement ?", "region"),
        ("Quelle aide de France 2030 BIOT2@Normandie a-t-il reçue ?", "state_aid"),
        ("Sur combien d'années s'étale le projet Electro'Mob ?", "duration"),
        ("Quelle université est cheffe de file de C-DéCIDé ?", "lead"),
        ("Qui portait le diagnostic DACSO ?", "lead"),
        ("Le dispositif a été présenté aux recteurs quel jour ?", "date"),
        ("Le projet OSMOSE à Toulouse, il a reçu combien ?", "state_aid"),
        ("Combien la Stratégie Électronique 2030 consacre-t-elle aux formations ?", "budget"),
        # « diplômer » counts graduates: no diploma is asked.
        ("Combien de formateurs SENS doit-il diplômer chaque année ?", "people"),
        ("Le CMQ NFP 4.0, il est installé dans quel établissement ?", "region"),
        ("À quels publics s'adressent les outils du CMQ NFP 4.0 ?", "audience"),
        ("Le Ferrocampus de Saintes, il ouvre à quelle rentrée ?", "date"),
        # The carrier describes whose town is asked.
        ("Dans quelle ville se trouve le siège du campus qui porte FORTEIM ?", "region"),
        ("Et l'EN2R, c'est où ?", "region"),
        ("l'ecole nationale du recyclage elle a ouvert ou en premier ?", "region"),
        ("Quelle est la durée du projet REMED ?", "duration"),
        ("c'est quoi les formations qu'on peut faire à l'EN2R ?", "topics"),
    ],
)
def test_the_figure_asked_for_is_recognised(
    corpus_catalog: Catalog, question: str, slot: str
) -> None:
    assert analyse(question, corpus_catalog).slot == slot


def test_a_survey_is_not_the_state(corpus_catalog: Catalog) -> None:
    info = analyse("Combien d'offres l'état des lieux de DEF'Hy recense-t-il ?", corpus_catalog)
    assert "state_aid" not in info.slots


def test_the_clause_after_a_colon_asks_the_question(corpus_catalog: Catalog) -> None:
    info = analyse(
        "Le projet d'école dont le financement France 2030 a été confirmé : qui le porte ?",
        corpus_catalog,
    )
    assert info.slot == "lead"
    # A question before the colon keeps its own slot.
    info = analyse(
        "Qui vise le plus de jeunes : Cyrce ou eOLE Campus porté par Airbus ?", corpus_catalog
    )
    assert info.slot != "lead"


def test_the_askers_context_asks_nothing(corpus_catalog: Catalog) -> None:
    question = (
        "Ma fille veut bosser dans le jeu vidéo mais les écoles coûtent une blinde. "
        "C'est vrai que quasi tout est privé ?"
    )
    info = analyse(question, corpus_catalog)
    assert "budget" not in info.slots and not info.wants_money
    # A statement that is not about the asker still asks.
    info = analyse("Le budget de REMED. Vous l'avez ?", corpus_catalog)
    assert info.slot == "budget"


def test_a_focus_comes_from_the_sentences_that_ask(corpus_catalog: Catalog) -> None:
    question = (
        "les écoles de jeu vidéo c'est hors de prix... l'étude sur les formations du "
        "secteur disait qu'il y en avait quelle part de privées ?"
    )
    assert analyse(question, corpus_catalog).focus is None
    info = analyse("Je veux suivre GENHYO. C'est gratuit ?", corpus_catalog)
    assert info.focus is not None and info.focus.key == "cout_apprenant"


def test_where_it_stands_asks_what_was_done(corpus_catalog: Catalog) -> None:
    info = analyse("GENHYO, il en est où côté heures de formation ?", corpus_catalog)
    assert info.slot == "achievements"


def test_funded_by_france_2030_describes_the_programme(corpus_catalog: Catalog) -> None:
    info = analyse("Qui dirige le programme TalCyb financé par France 2030 ?", corpus_catalog)
    assert "state_aid" not in info.slots and not info.wants_money
    info = analyse("Quelle part du Ferrocampus est financée par France 2030 ?", corpus_catalog)
    assert info.slots[:1] == ["state_aid"]
    info = analyse(
        "D'après l'état des lieux du jeu vidéo financé par France 2030, quelle proportion "
        "des cursus relève du privé ?",
        corpus_catalog,
    )
    assert "state_aid" not in info.slots


def test_state_aid_is_not_mistaken_for_the_total_budget(corpus_catalog: Catalog) -> None:
    info = analyse("Quelle dotation France 2030 pour BATTENA ?", corpus_catalog)
    assert info.slots == ["state_aid"]


def test_the_programme_named_is_found_and_the_call_is_generic(corpus_catalog: Catalog) -> None:
    info = analyse("Quel est le budget du projet CMA Electromob ?", corpus_catalog)
    assert info.programmes == ["electromob"]
    assert info.generic == ["ami-cma"]
    only_call = analyse("Je cherche un projet CMA", corpus_catalog)
    assert only_call.programmes == [] and only_call.generic == ["ami-cma"]


def test_places_in_a_question(corpus_catalog: Catalog) -> None:
    assert analyse("Je suis à Dunkerque", corpus_catalog).regions == ["Hauts-de-France"]
    assert analyse("le projet toulousain sur l'espace", corpus_catalog).regions == ["Occitanie"]


def test_a_list_by_region_is_about_several_programmes(corpus_catalog: Catalog) -> None:
    info = analyse("Quels programmes existent en Occitanie ?", corpus_catalog)
    assert info.wants_list and info.regions == ["Occitanie"]
    assert info.is_multi


def test_a_count_by_region_is_about_several_programmes(corpus_catalog: Catalog) -> None:
    info = analyse("Combien de projets en Occitanie ?", corpus_catalog)
    assert info.wants_count and info.is_multi


def test_which_things_of_one_programme_is_no_list_of_programmes(
    corpus_catalog: Catalog,
) -> None:
    info = analyse(
        "À Strasbourg, le projet de santé numérique propose quels diplômes ?", corpus_catalog
    )
    assert not info.wants_list and info.programmes == ["sens"]


def test_a_list_question_on_one_fact_is_not_a_catalogue_filter(corpus_catalog: Catalog) -> None:
    info = analyse("Quels sont les noms des 10 lauréats agricoles de la saison 2 ?", corpus_catalog)
    assert not info.is_multi


@pytest.mark.parametrize(
    ("question", "direction"),
    [
        ("Quel programme a le plus gros budget ?", "max"),
        ("Quel programme reçoit le plus d'aide de l'État ?", "max"),
        ("Quel programme a le moins de budget ?", "min"),
        ("Qui a obtenu le plus de France 2030, TalCyb ou COMETES ?", "max"),
    ],
)
def test_superlatives_and_their_direction(
    corpus_catalog: Catalog, question: str, direction: str
) -> None:
    info = analyse(question, corpus_catalog)
    assert info.superlative == direction
    assert info.is_multi


@pytest.mark.parametrize(
    "question",
    ["Quel programme a le plus petit budget ?", "Quel programme a le budget le plus faible ?"],
)
def test_smallest_is_a_superlative_too(corpus_catalog: Catalog, question: str) -> None:
    info = analyse(question, corpus_catalog)
    assert info.superlative == "min"


def test_acquiring_something_is_no_budget(corpus_catalog: Catalog) -> None:
    question = "C-DéCIDé s'est doté d'une académie : quand a-t-elle été lancée ?"
    assert "budget" not in analyse(question, corpus_catalog).slots
    assert "budget" in analyse("De combien est doté REMED ?", corpus_catalog).slots


@pytest.mark.parametrize(
    ("question", "superlative"),
    [
        # The superlative names the topic; the question asks something of it.
        (
            "Le plus gros projet hydrogène, piloté depuis Toulouse, combien d'heures a-t-il assurées ?",
            None,
        ),
        ("Le plus gros projet hydrogène, c'est lequel ?", "max"),
    ],
)
def test_a_superlative_naming_the_topic_is_not_a_ranking(
    corpus_catalog: Catalog, question: str, superlative: str | None
) -> None:
    assert analyse(question, corpus_catalog).superlative == superlative


def test_a_comparison_of_two_named_programmes_is_multi(corpus_catalog: Catalog) -> None:
    info = analyse("Compare les budgets d'Electro'Mob et de FPI AURA", corpus_catalog)
    assert info.programmes == ["electromob", "fpi-aura"]
    assert info.is_multi


def test_a_question_on_one_programme_is_not_multi(corpus_catalog: Catalog) -> None:
    info = analyse("Quel est le budget d'Electro'Mob ?", corpus_catalog)
    assert not info.is_multi and info.wants_number


def test_outside_the_call_is_recognised(corpus_catalog: Catalog) -> None:
    info = analyse(
        "Quels programmes ne sont pas des lauréats de l'AMI en Occitanie ?", corpus_catalog
    )
    assert info.outside_ami


def test_a_sector_word_that_is_also_an_alias_asks_for_a_list(corpus_catalog: Catalog) -> None:
    # « e-santé » is an alias of the national santé numérique page and a sector word: in a
    # « what exists near me » question it is the sector, so the region's programmes are listed.
    info = analyse(
        "J'habite à Limoges et je veux devenir ingénieur en e-santé, quelle formation existe ?",
        corpus_catalog,
    )
    assert info.programmes == []
    assert info.regions == ["Nouvelle-Aquitaine"]
    assert info.is_multi


def test_a_programme_named_by_its_alias_outside_a_list_stays_named(
    corpus_catalog: Catalog,
) -> None:
    info = analyse("Quel est le budget de l'e-santé CMA ?", corpus_catalog)
    assert info.programmes == ["sante-numerique"]


@pytest.mark.parametrize(
    "question",
    [
        "Quelles formations le programme Cinerg'e-santé propose-t-il à Nancy ?",
        "Quel lycée d'Orléans participe au programme CyberSkills4All ?",
    ],
)
def test_a_brand_name_holding_a_sector_word_still_names_its_programme(
    corpus_catalog: Catalog, question: str
) -> None:
    assert len(analyse(question, corpus_catalog).programmes) == 1


@pytest.mark.parametrize(
    "question",
    [
        "Combien la Région Auvergne-Rhône-Alpes verse-t-elle au projet REMED ?",
        "Combien la Région met-elle dans REMED ?",
    ],
)
def test_what_another_funder_pays_is_an_amount(corpus_catalog: Catalog, question: str) -> None:
    assert analyse(question, corpus_catalog).wants_money


@pytest.mark.parametrize(
    ("question", "funder"),
    [
        ("La Région Auvergne-Rhône-Alpes met combien d'argent dans REMED ?", "region"),
        ("Quelle est la part de la Région dans BATTENA ?", "region"),
        ("Combien l'État met-il dans BATTENA ?", ""),
        ("Combien la Région et l'État mettent-ils dans REMED ?", ""),
    ],
)
def test_a_funder_other_than_the_state_is_recognised(
    corpus_catalog: Catalog, question: str, funder: str
) -> None:
    info = analyse(question, corpus_catalog)
    assert info.funder == funder
    if funder:
        assert "state_aid" not in info.slots


def test_or_is_no_where(corpus_catalog: Catalog) -> None:
    assert (
        "region" not in analyse("La formation REMED, c'est public ou privé ?", corpus_catalog).slots
    )


def test_a_programme_left_out_is_not_asked_about(corpus_catalog: Catalog) -> None:
    info = analyse(
        "Combien de personnes RIS3 forme-t-il à lui seul, sans compter CyberSkills4All ?",
        corpus_catalog,
    )
    assert info.programmes == ["ris3"]
