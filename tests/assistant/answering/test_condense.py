"""Follow-up questions made standalone from the conversation history."""

from __future__ import annotations

import pytest

from assistant.answering import RuleCondenser, analyse
from assistant.catalog import Catalog


def turns(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"role": role, "content": content} for role, content in pairs]


@pytest.fixture(scope="module")
def condenser(corpus_catalog: Catalog) -> RuleCondenser:
    return RuleCondenser(corpus_catalog)


def test_without_history_the_question_is_unchanged(condenser: RuleCondenser) -> None:
    assert condenser.condense("Et pour FPI AURA ?", []) == "Et pour FPI AURA ?"


def test_et_pour_x_repeats_the_previous_question_about_x(
    condenser: RuleCondenser, corpus_catalog: Catalog
) -> None:
    history = turns(
        ("user", "Quel est le budget d'Electro'Mob ?"),
        ("assistant", "Le budget total d'Electro'Mob atteint 25 M€. [1]"),
    )
    standalone = condenser.condense("Et pour FPI AURA ?", history)
    assert standalone == "Quel est le budget de FPI AURA ?"
    info = analyse(standalone, corpus_catalog)
    assert info.programmes == ["fpi-aura"] and info.slot == "budget"


def test_the_swap_keeps_french_elision_right(condenser: RuleCondenser) -> None:
    history = turns(("user", "Quel est le budget de FPI AURA ?"))
    assert condenser.condense("Et pour Electro'Mob ?", history) == (
        "Quel est le budget d'Electro'Mob ?"
    )


def test_a_question_without_a_programme_gets_the_previous_one(
    condenser: RuleCondenser, corpus_catalog: Catalog
) -> None:
    history = turns(
        ("user", "Qu'est-ce que BATTENA ?"),
        ("assistant", "BATTENA est le programme de la filière batterie en Nouvelle-Aquitaine."),
    )
    standalone = condenser.condense("Combien vient de l'État ?", history)
    assert "BATTENA" in standalone
    info = analyse(standalone, corpus_catalog)
    assert info.programmes == ["battena"] and info.slot == "state_aid"


def test_a_pronoun_refers_to_the_last_programme_named(condenser: RuleCondenser) -> None:
    history = turns(
        ("user", "Qu'est-ce que le projet OSMOSE ?"),
        ("assistant", "OSMOSE est un projet de formation à la cybersécurité."),
        ("user", "Et BATTENA ?"),
        ("assistant", "BATTENA forme à la filière batterie."),
    )
    assert "BATTENA" in condenser.condense("Il a été lancé quand ?", history)


def test_et_celle_de_la_saison_2_swaps_saison_1(condenser: RuleCondenser) -> None:
    history = turns(
        ("user", "Quelle était la dotation de la saison 1 de l'AMI CMA ?"),
        ("assistant", "La saison 1 de l'AMI CMA était dotée de 800 M€."),
    )
    assert condenser.condense("Et celle de la saison 2 ?", history) == (
        "Quelle était la dotation de la saison 2 de l'AMI CMA ?"
    )


def test_a_new_standalone_question_is_left_alone(condenser: RuleCondenser) -> None:
    history = turns(("user", "Quel est le budget d'Electro'Mob ?"))
    question = "Qui porte le programme TalCyb ?"
    assert condenser.condense(question, history) == question
    # « Et pour X, <a question of its own> ? » asks that question about X.
    history = turns(("user", "Quels projets hydrogène ont gagné à la 1re vague de l'AMI CMA ?"))
    question = "et pour AMHY, c'est qui le porteur ?"
    assert condenser.condense(question, history) == question


def test_programmes_named_only_by_the_assistant_are_used_as_a_last_resort(
    condenser: RuleCondenser,
) -> None:
    history = turns(
        ("user", "Quel projet forme à la décarbonation à Dunkerque ?"),
        ("assistant", "C'est C-DéCIDé, porté par l'Université du Littoral Côte d'Opale."),
    )
    assert "C-DéCIDé" in condenser.condense("Et qu'a-t-il déjà réalisé ?", history)


def test_the_consortium_means_the_programme_just_discussed(
    condenser: RuleCondenser, corpus_catalog: Catalog
) -> None:
    history = turns(
        ("user", "C'est quoi Evolution Jeu Vidéo ?"),
        ("assistant", "Evolution Jeu Vidéo structure la formation du jeu vidéo. [1]"),
    )
    standalone = condenser.condense(
        "Quels organismes de formation font partie du consortium, et lesquels sont des écoles ?",
        history,
    )
    assert analyse(standalone, corpus_catalog).programmes == ["evolution-jeu-video"]


@pytest.mark.parametrize(
    "follow_up",
    ["Ils coopèrent avec quelles régions étrangères ?", "France 2030 met combien dedans ?"],
)
def test_a_plural_pronoun_or_dedans_refers_back(condenser: RuleCondenser, follow_up: str) -> None:
    history = turns(("user", "C'est quoi REMED ?"), ("assistant", "REMED est un projet…"))
    assert condenser.condense(follow_up, history).endswith("(REMED) ?")


def test_a_programme_described_in_the_history_is_the_subject(condenser: RuleCondenser) -> None:
    history = turns(
        ("user", "Combien d'aide pour l'école hydrogène de Bourgogne-Franche-Comté ?"),
        ("assistant", "L'école hydrogène régionale reçoit 6 M€ de France 2030."),
    )
    standalone = condenser.condense("Ils espéraient combien, au départ ?", history)
    assert standalone.endswith("(École hydrogène BFC) ?")


def test_et_pour_a_part_keeps_the_name_the_user_wrote(condenser: RuleCondenser) -> None:
    # SequoIA is one of the IA Clusters (an alias of their record), not all of them.
    history = turns(("user", "Combien France 2030 met-il dans MACMIA ?"))
    assert condenser.condense("Et pour SequoIA, à Rennes ?", history) == (
        "Combien France 2030 met-il dans SequoIA ?"
    )


def test_the_programme_an_answer_gave_is_the_subject_of_the_next_question(
    condenser: RuleCondenser,
) -> None:
    history = turns(
        ("user", "Qu'est-ce qui a suivi le diagnostic Ambition Jeu Vidéo ?"),
        ("assistant", "Le dispositif Evolution Jeu Vidéo, financé par l'AMI CMA."),
    )
    standalone = condenser.condense("Et ses formations, on peut les suivre à distance ?", history)
    assert standalone.endswith("(Evolution Jeu Vidéo) ?")


def test_a_question_opening_like_an_ellipsis_but_asking_itself_is_left_alone(
    condenser: RuleCondenser,
) -> None:
    history = turns(
        ("user", "Je suis à Valenciennes : y a quoi comme formation dans les batteries ?"),
        ("assistant", "Electro'Mob et EN2R. [1]"),
    )
    question = "Pour un dossier : quel est le montant exact de l'aide de l'État à BATTENA ?"
    assert condenser.condense(question, history) == question


def test_a_programme_described_in_the_question_is_not_the_previous_one(
    condenser: RuleCondenser,
) -> None:
    history = turns(("user", "Combien de lauréats compte Territoires d'industrie 4.0 ?"))
    question = "Dans le projet normand de formation au nucléaire, quelle somme EDF apporte-t-il ?"
    assert condenser.condense(question, history) == question
    # « ce projet » still points back.
    history = turns(("user", "Qui porte COMETES ?"))
    follow_up = "Et quand la Région Nouvelle-Aquitaine a-t-elle voté sa participation à ce projet ?"
    assert "COMETES" in condenser.condense(follow_up, history)


def test_ca_with_its_cedilla_points_back(condenser: RuleCondenser) -> None:
    history = turns(
        ("user", "Y a un campus ferroviaire en Nouvelle-Aquitaine ?"),
        ("assistant", "Oui, le Ferrocampus, porté par la Région Nouvelle-Aquitaine."),
    )
    assert "Ferrocampus" in condenser.condense("ça sort combien de diplômés par an ?", history)


def test_a_group_of_laureates_asked_hands_the_answers_programme_on(
    condenser: RuleCondenser,
) -> None:
    history = turns(
        ("user", "Y a-t-il des formations au numérique en santé à Strasbourg ?"),
        (
            "assistant",
            "Oui, l'Université de Strasbourg porte SENS, avec un DU « Santé numérique ».",
        ),
    )
    standalone = condenser.condense("et ils forment cb d'etudiants par an ?", history)
    assert "(SENS)" in standalone


def test_a_name_the_index_never_holds_starts_a_new_subject(corpus_catalog: Catalog) -> None:
    condenser = RuleCondenser(corpus_catalog, knows=lambda token: not token.startswith("navig"))
    history = turns(
        ("user", "Combien d'apprentis forme Electro'Mob ?"),
        ("assistant", "La fiche ne le précise pas."),
    )
    # A price is a focus, but of the pass Navigo, which no document names.
    question = "Quel est le prix du pass Navigo ?"
    assert condenser.condense(question, history) == question
    follow_up = condenser.condense("C'est payé pendant la formation ?", history)
    assert "Electro'Mob" in follow_up


def test_a_follow_up_on_one_laureate_of_a_group_keeps_that_laureate(
    condenser: RuleCondenser,
) -> None:
    """« C'est quoi eOLE Campus ? » then « qui porte ce projet ? » is about eOLE Campus, not
    about every aeronautics laureate of Occitanie."""
    history = turns(
        ("user", "C'est quoi eOLE Campus ?"),
        ("assistant", "eOLE Campus est un projet de formation aéronautique en Occitanie."),
    )
    standalone = condenser.condense("Et qui porte ce projet ?", history)
    assert "eOLE Campus" in standalone


def test_one_of_those_just_discussed_is_a_follow_up(condenser: RuleCondenser) -> None:
    """« celui de l'Université de Rennes » is one of the IA Clusters just discussed, not
    the Rennes programme the carrier's name would describe (CyberSkills4All)."""
    history = turns(
        ("user", "Que sont les IA Clusters ?"),
        ("assistant", "Ce sont 9 pôles d'excellence en intelligence artificielle."),
    )
    standalone = condenser.condense("Et combien reçoit celui de l'Université de Rennes ?", history)
    assert "IA Clusters" in standalone


def test_a_town_alone_after_a_which_question_asks_it_of_that_town(
    condenser: RuleCondenser,
) -> None:
    history = turns(
        ("user", "Quel projet CMA de santé numérique existe à Strasbourg ?"),
        ("assistant", "À Strasbourg, c'est SENS, porté par l'Université de Strasbourg."),
    )
    assert condenser.condense("Et celui de Limoges ?", history) == (
        "Quel projet CMA de santé numérique existe à Limoges ?"
    )
    assert condenser.condense("Et à Lyon ?", history) == (
        "Quel projet CMA de santé numérique existe à Lyon ?"
    )
    # An organisation is no town: it points back to the programme discussed.
    assert "Strasbourg" not in condenser.condense("Et celui de l'Université de Rennes ?", history)
