"""Answerability: what a question asks, whether a sentence holds it, and what users read."""

from __future__ import annotations

import pytest

from assistant import Assistant
from assistant.answering.answerability import (
    focus_by_key,
    focus_of,
    holds,
)


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("Combien gagne un technicien formé par REMED ?", "salaire"),
        (
            "Quelles sont les dates d'inscription aux formations d'Electro'Mob ?",
            "dates_inscription",
        ),
        ("Combien de temps dure une formation du programme OSMOSE ?", "duree_formation"),
        ("La formation GENHYO est-elle gratuite ?", "cout_apprenant"),
        ("Quel est le numéro de téléphone de TalCyb ?", "contact"),
        ("Un jeune de 16 ans peut-il entrer dans une formation de 3NC ?", "age_minimum"),
        ("Quel diplôme faut-il avoir pour entrer dans le CMI Quant4CVL ?", "admission"),
        ("Combien touche un technicien formé par REMED ?", "salaire"),
        ("Avec un BTS de BATTENA, je toucherai combien par mois ?", "salaire"),
        ("Combien un participant doit-il payer pour suivre OSMOSE ?", "cout_apprenant"),
        ("Quelles sont les conditions d'admission de la mineure de l'EILCO ?", "admission"),
        (
            "Combien de stagiaires d'EN2R trouvent un emploi après leur formation ?",
            "taux_insertion",
        ),
        ("Les apprenants de FORTEIM peuvent-ils être logés sur place ?", "hebergement"),
        ("Il reste combien de places dans la promo de Cinerg'e-santé ?", "places_restantes"),
        ("Combien reste-t-il de places dans le master de COMETES ?", "places_restantes"),
        ("Le CMQ NFP 4.0 propose-t-il un internat aux élèves ?", "hebergement"),
        ("Les inscriptions aux formations Electro'Mob, c'est quand ?", "dates_inscription"),
        ("Ça me coûterait combien de suivre une formation de Verkor ?", "cout_apprenant"),
        ("Opérateur batteries après Verkor : c'est payé combien en sortie ?", "salaire"),
        ("Les formations TalCyb, on peut les payer avec le CPF ?", "cout_apprenant"),
        ("Pour rentrer dans le cursus quantique de Tours, faut quel bac ?", "admission"),
        ("L'École de la Batterie, ils embauchent à la sortie ?", "taux_insertion"),
        (
            "Combien coûte à une entreprise l'inscription d'un salarié à Electro'Mob ?",
            "cout_apprenant",
        ),
        ("Pour TalCyb, à quel service faut-il s'adresser ?", "contact"),
        ("Quel est le coût de formation par apprenant à l'EN2R ?", "cout_par_apprenant"),
        ("Combien d'emplois ont été créés grâce à 3NC depuis 2024 ?", "emplois_crees"),
        (
            "Est-ce qu'on est payé pendant une formation à l'École de la Batterie ?",
            "remuneration_formation",
        ),
        ("Les stagiaires de REMED sont-ils rémunérés ?", "remuneration_formation"),
        ("Et ça coûte combien pour les apprenants ?", "cout_apprenant"),
        ("Faut-il le bac pour intégrer REMED ?", "admission"),
        # A condensed follow-up: the programme in brackets asks nothing.
        (
            "Et pour s'inscrire (Cinerg'e-santé, Santé numérique (lauréats CMA)) ?",
            "dates_inscription",
        ),
    ],
)
def test_the_focus_of_a_question(question: str, key: str) -> None:
    focus = focus_of(question)
    assert focus is not None and focus.key == key


@pytest.mark.parametrize(
    "question",
    [
        "Quel est le budget d'Electro'Mob ?",
        "Qui porte le projet REMED ?",
        "Quelles formations aux batteries en Hauts-de-France ?",
        # « Combien a touché X ? » is the money X received, not a salary.
        "Combien a touché BATTENA de France 2030 ?",
        # « diplômer » counts graduates.
        "Combien de formateurs SENS doit-il diplômer chaque année ?",
        # « à partir de quelle année » asks a year, not a minimum age.
        "À partir de quelle année l'École de la Batterie forme-t-elle 1 600 personnes par an ?",
    ],
)
def test_figures_and_lists_have_no_attribute_focus(question: str) -> None:
    assert focus_of(question) is None


def test_international_is_no_boarding_school() -> None:
    assert not holds(focus_by_key("hebergement"), "Le Lycée pilote innovant international.")


def test_a_project_horizon_is_not_a_course_length() -> None:
    focus = focus_of("Combien de temps dure une formation de REMED ?")
    assert focus is not None
    assert not holds(focus, "REMED est un projet de formation sur 5 ans.")
    assert holds(focus, "Le module de santé numérique dure 165 heures.")


# --- what users read (real index, real model) -------------------------------------------


@pytest.mark.slow
def test_a_missing_attribute_is_named_with_the_programme(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("Quel salaire peut espérer une personne formée par REMED ?")
    assert not answer.answerable
    assert "La fiche « REMED » ne précise pas le salaire" in answer.text
    assert "univ-lyon1.fr" in answer.text  # where to ask: the programme's own page
    assert answer.confidence < 0.5


@pytest.mark.slow
def test_a_course_length_refusal_shows_what_the_document_does_say(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask("Combien de temps dure une formation du projet REMED ?")
    assert not answer.answerable
    assert "ne précise pas la durée des formations" in answer.text


@pytest.mark.slow
def test_an_off_topic_question_is_refused(indexed_assistant: Assistant) -> None:
    for question in (
        "Comment recharger la batterie de mon téléphone ?",
        "Quel est le budget de la France pour 2025 ?",
        "Comment choisir le sujet de ma thèse de médecine ?",
    ):
        answer = indexed_assistant.ask(question)
        assert not answer.answerable, (question, answer.text)
        assert answer.confidence < 0.5


@pytest.mark.slow
def test_a_false_premise_is_corrected_with_a_citation(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("Le programme REMED forme-t-il des jeunes en Bretagne ?")
    assert not answer.answerable
    assert "REMED est mené en Auvergne-Rhône-Alpes, pas en Bretagne" in answer.text
    assert answer.citations and answer.citations[0].doc_id == "remed"


@pytest.mark.slow
def test_a_programme_outside_the_sites_region_is_said_so(indexed_assistant: Assistant) -> None:
    # A regional site pins the widget to its region; a question about a programme of
    # another region is told where it runs, not « not found ».
    from assistant import Filters

    answer = indexed_assistant.ask(
        "Quelle est la date limite d'inscription à REMED ?",
        filters=Filters(regions=("Hauts-de-France",)),
    )
    assert not answer.answerable
    assert "REMED est mené en Auvergne-Rhône-Alpes, pas dans les Hauts-de-France" in answer.text
    assert answer.citations == []  # the site's filters bind citations too
    national = indexed_assistant.ask(
        "Qui porte Électro'Mob ?", filters=Filters(regions=("Hauts-de-France",))
    )
    assert "pas en" not in national.text


@pytest.mark.slow
def test_a_city_lists_every_programme_of_its_region(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("Quelles formations aux batteries près de Lille ?")
    assert answer.answerable
    assert "Hauts-de-France" in answer.text
    assert "Electro'Mob" in answer.text


@pytest.mark.slow
def test_usual_superlatives_are_rankings(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("Quels sont les projets de l'AMI CMA les mieux financés ?")
    assert answer.answerable and answer.table
    assert answer.text.startswith("Parmi les programmes comparés, 3NC")


@pytest.mark.slow
def test_answers_and_confidence_agree(indexed_assistant: Assistant) -> None:
    for question in (
        "Quel est le budget d'Electro'Mob ?",
        "Quelle est la recette de la tarte Tatin ?",
    ):
        answer = indexed_assistant.ask(question)
        assert answer.answerable == (answer.confidence >= 0.5), question


@pytest.mark.slow
def test_a_value_the_document_says_belongs_elsewhere_is_no_answer(
    indexed_assistant: Assistant,
) -> None:
    # The Electro'Mob page mentions a 400-hour course « à ne pas confondre » with Electro'Mob.
    answer = indexed_assistant.ask("Combien de temps durent les formations Electro'Mob ?")
    assert not answer.answerable
    assert "ne précise pas la durée des formations" in answer.text
    assert "À ne pas confondre" in answer.text  # what the document does say, cited


def test_a_trade_ending_in_dure_is_no_course_length() -> None:
    # « soudure », « procédure »: not « dure », and « présenté quel jour » is a date.
    assert focus_of("Quelles formations aux métiers de la soudure en Bretagne ?") is None
    assert focus_of("Le dispositif a été présenté aux recteurs quel jour ?") is None
    assert focus_of("Les cours ont lieu quels jours ?") is not None


def test_incorporating_something_into_courses_is_no_admission() -> None:
    question = (
        "La fac de Strasbourg a été retenue pour intégrer le numérique en santé dans ses "
        "cursus : quelle somme l'État lui verse-t-il ?"
    )
    assert focus_of(question) is None


def test_a_word_inside_another_asks_no_enrolment() -> None:
    # « pour candidater » holds « ou », not « où candidater ? ».
    question = "Quelles familles de membres un consortium doit-il réunir pour candidater ?"
    assert focus_of(question) is None
    assert focus_of("Je voudrais m'inscrire à DEF'Hy, c'est possible ?") is not None
    cost = focus_of("Combien coûte l'inscription au DU de SENS ?")
    assert cost is not None and cost.key == "cout_apprenant"


def test_taking_part_in_a_scheme_is_no_enrolment() -> None:
    enrolment = focus_by_key("dates_inscription")
    assert not holds(enrolment, "Electro'Mob s'inscrit aussi dans Rev3, la démarche régionale.")
    assert not holds(enrolment, "La Région fait connaître le projet pour attirer des candidats.")
    assert holds(enrolment, "Les candidatures sont ouvertes jusqu'au 30 juin.")
    assert focus_of("GENHYO s'inscrit dans quel plan de la Région Occitanie ?") is None


def test_the_price_of_a_course_is_its_cost_to_the_learner() -> None:
    focus = focus_of("Combien coûte le master « New Space » pour un salarié qui le paie lui-même ?")
    assert focus is not None and focus.key == "cout_apprenant"


def test_calls_won_by_the_region_are_no_salary() -> None:
    question = "Les appels à projets gagnés par la Région servent à financer quoi ?"
    assert focus_of(question) is None
    assert focus_of("Combien gagne un technicien formé par REMED ?") is not None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "missing"),
    [
        # All learners are not apprentices; a budget counts no one.
        ("battena combien d apprentis ?", "ne précise pas le nombre d'apprentis"),
        ("Combien d'apprentis forme CMQ NFP 4.0 ?", "ne précise pas le nombre d'apprentis"),
        (
            "Est-ce qu'on est payé pendant une formation à l'École de la Batterie de Verkor, "
            "et combien ?",
            "ne précise pas la rémunération des apprenants pendant la formation",
        ),
    ],
)
def test_a_near_miss_count_or_pay_is_refused(
    indexed_assistant: Assistant, question: str, missing: str
) -> None:
    answer = indexed_assistant.ask(question)
    assert not answer.answerable
    assert missing in answer.text
    assert "15 M€ sur 5 ans" not in answer.text.split("indique")[0]
