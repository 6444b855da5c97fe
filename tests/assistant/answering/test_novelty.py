"""What a sentence gives beyond the question: numbers and names asked for."""

from __future__ import annotations

from assistant.answering.novelty import (
    asked_label,
    asks_name,
    asks_number,
    gives_asked,
    new_names,
)


def test_a_number_already_in_the_question_is_no_answer() -> None:
    question = "Quels sont les noms des 11 partenaires d'I-NovMicro ?"
    assert asks_name(question)
    assert not gives_asked(question, "I-NovMicro réunit 11 partenaires.")
    assert gives_asked(question, "I-NovMicro réunit Aix-Marseille Université et le CEA.")


def test_numbers_in_words_count_and_france_2030_does_not() -> None:
    question = "Combien de formations le Ferrocampus proposera-t-il ?"
    assert asks_number(question)
    assert gives_asked(question, "Le Ferrocampus proposera une centaine de formations.")
    assert not gives_asked(question, "Le Ferrocampus est soutenu par France 2030.")
    assert not asks_number("Combien de temps dure la formation ?")


def test_the_number_of_a_university_is_no_figure() -> None:
    question = "Combien la Région verse-t-elle à REMED ?"
    assert not gives_asked(question, "Lancement sur le campus de la Doua de Lyon 1.")
    assert gives_asked(question, "Lyon 1 reçoit 4 M€ de la Région.")


def test_a_share_is_no_count() -> None:
    question = "Combien d'entreprises ont été interrogées ?"
    assert not gives_asked(question, "91 % des formations au jeu vidéo sont privées.")
    assert gives_asked(question, "120 entreprises, dont 91 % de studios, ont répondu.")
    # A share of the very thing counted is about it.
    places = "Combien de places supplémentaires le projet ouvre-t-il ?"
    assert gives_asked(places, "Il accroît de 30 à 40 % le nombre de places.")


def test_sentence_openers_and_bracketed_initials_are_not_names() -> None:
    text = "Il conçoit des environnements immersifs d'apprentissage (EIA). Début 2024 : achat."
    assert new_names("Quelle marque de casques ?", text) == set()
    named = new_names("Comment s'appelle le projet ?", "Nid'AI.e (Gifod, Dijon) : 4 M€")
    assert {"nid", "gifod", "dijon"} <= named


def test_a_question_asking_neither_is_left_alone() -> None:
    assert gives_asked("Que propose BATTENA ?", "Il forme aux métiers de la batterie.")


def test_the_refusal_names_what_was_asked() -> None:
    assert asked_label("Quels sont les noms des 11 partenaires ?") == "les noms demandés"
    assert asked_label("Combien PEGASE touche-t-il de l'État ?") == "le montant demandé"
    assert asked_label("Quelle surface fait la tour ?") == "la surface demandée"
    assert asked_label("Combien de mineures en IA ?") == "le nombre de mineures"
    assert asked_label("battena combien d apprentis ?") == "le nombre d'apprentis"
    assert asked_label("Il y en a combien ?") == "le nombre demandé"


def test_a_rank_asked_is_answered_by_an_ordinal() -> None:
    question = "Auvergne-Rhône-Alpes se place à quel rang parmi les régions industrielles ?"
    assert gives_asked(question, "C'est la première région industrielle de France.")
    assert not gives_asked(question, "Orimob Académie et FARE forment 1 780 stagiaires.")
    assert asked_label(question) == "le rang demandé"


def test_ordinals_are_written_in_many_ways() -> None:
    assert gives_asked("À quel rang est classé X ?", "X est classé 1ère.")
    assert gives_asked("X arrive à quel rang ?", "X arrive en tête des régions.")
