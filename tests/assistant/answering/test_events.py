"""A date question asks the date of one event: a sentence dating another one is no answer."""

from __future__ import annotations

from assistant.answering.events import asks_past, events_asked, horizon_only, tells


def test_a_plain_when_names_no_event() -> None:
    assert events_asked("REMED, c'est pour quand ?") == []


def test_the_end_is_not_the_start() -> None:
    events = events_asked("DécarboChim doit se terminer quand ?")
    assert events and events[0].strict
    assert tells(events, "Fin 2028 : fin prévue, après 5 ans.")
    assert not tells(events, "Début 2024 : démarrage du projet.")


def test_a_gathering_must_be_named_by_the_sentence() -> None:
    events = events_asked("C'est quand, le prochain forum de l'alternance de 3NC ?")
    assert tells(events, "Le forum de l'alternance s'est tenu le 3 mars 2024.")
    assert not tells(events, "3NC a été annoncé le 9 juin 2023 à Caen.")


def test_a_selection_told_otherwise_is_only_preferred() -> None:
    events = events_asked("BATTENA a été désigné lauréat à quel moment ?")
    assert events and not any(e.strict for e in events)
    assert tells(events, "Juin 2023 : BATTENA est retenu comme lauréat France 2030.")


def test_a_launch_prefers_the_sentence_telling_it() -> None:
    events = events_asked("Il a été lancé quand, cet appel ?")
    assert tells(events, "26 novembre 2021 : lancement de l'AMI.")
    assert not tells(events, "8 juillet 2022 : annonce des 41 lauréats.")


def test_a_town_or_a_dated_question_names_no_event() -> None:
    assert events_asked("Quand le campus de Salon-de-Provence ?") == []
    assert events_asked("C'est prévu pour fin 2025 ? Quand exactement ?") == []


def test_opening_is_the_event_of_its_first_learners() -> None:
    """« il ouvre quand ? » is not answered by the laying of a first stone (dev42)."""
    for question in (
        "Quand ouvre le campus de Salon-de-Provence ?",
        "L'école ouvrira-t-elle fin 2025 ? Quand exactement ?",
        "Elle a ouvert quand ?",
    ):
        labels = [e.label for e in events_asked(question)]
        assert labels == ["la date d'accueil des premiers apprenants"], question
    opening = events_asked("le ferrocampus de saintes il ouvre quand")
    assert not tells(opening, "23 mai 2025 : pose de la première pierre.")


def test_opening_its_doors_is_welcoming_the_first_learners() -> None:
    opening = events_asked("L'école de l'hydrogène, elle ouvre ses portes quand ?")
    assert [e.label for e in opening] == ["la date d'accueil des premiers apprenants"]
    assert not tells(opening, "La filière devrait créer 8 000 emplois d'ici 2030.")


def test_an_opening_or_a_span_tells_the_event() -> None:
    learners = events_asked("Quand a-t-il accueilli ses premiers experts ?")
    assert tells(learners, "Février 2022 : inauguration du Campus Cyber à La Défense.")
    end = events_asked("Le projet se termine quand ?")
    assert tells(end, "Le projet court du 1er juin 2021 au 30 avril 2022.")


def test_a_past_event_is_not_dated_by_a_horizon() -> None:
    assert asks_past("Quand FORTEIM a-t-il été retenu ?")
    assert not asks_past("Le master ouvre quand ?")
    assert horizon_only("La filière prévoit 72 000 embauches d'ici 2030.")
    assert horizon_only("Il contribue au cap de 20 biothérapies en 2030.")
    assert not horizon_only("Juillet 2024 : signature de la convention.")


def test_a_target_horizon_does_not_date_the_end() -> None:
    events = events_asked("À quelle date Electro'Mob doit-il prendre fin ?")
    assert not tells(events, "Electro'Mob vise plus de 8 000 personnes formées d'ici 2030.")
    assert not tells(events, "2030 : échéance des objectifs (8 000 personnes formées).")
    assert not tells(events, "Un master « New Space » doit ouvrir d'ici 2026.")
    assert tells(events, "Jusqu'en 2029 : seconde phase.")
    assert tells(events, "Le projet se termine fin 2028, d'ici 2030 pour les objectifs.")
