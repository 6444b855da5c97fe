"""The part of a programme (a town, a department, a year) a figure question asks for."""

from __future__ import annotations

import pytest

from assistant.answering.scope import (
    asks_alone,
    other_kind,
    restricted_to,
    shares_figure,
    written,
)
from assistant.catalog import Catalog


@pytest.mark.parametrize(
    ("question", "doc_id", "part"),
    [
        ("Combien de personnes Electro'Mob forme-t-il à Douai ?", "electromob", "douai"),
        ("Combien d'enseignants OSMOSE va-t-il former dans l'Hérault ?", "osmose", "herault"),
        ("Quel montant GENHYO a-t-il reçu pour la seule année 2024 ?", "genhyo", "2024"),
        ("Combien revient précisément à l'Université de Caen dans 3NC ?", "3nc", "caen"),
    ],
)
def test_a_town_department_or_year_narrows_the_figure(
    corpus_catalog: Catalog, question: str, doc_id: str, part: str
) -> None:
    assert restricted_to(question, corpus_catalog.by_id[doc_id], corpus_catalog) == part


@pytest.mark.parametrize(
    ("question", "doc_id"),
    [
        # The programme's own town, a word of its lead, a demonym: they describe it.
        ("La fac de Caen veut sortir combien de hackers éthiques par an ?", "cyrce"),
        ("Combien l'État donne-t-il au projet de Lyon 1 sur les mobilités ?", "remed"),
        ("La start-up grenobloise, elle forme combien de gens par an ?", "ecole-de-la-batterie"),
        # The asker's place, before the words that ask the figure.
        (
            "Conseillère France Travail à Poitiers, je voudrais savoir combien de personnes "
            "BATTENA accueille chaque année.",
            "battena",
        ),
        # A year without « seul(e) » dates the figure, it does not narrow it.
        ("Combien de personnes Electro'Mob veut-il former d'ici 2030 ?", "electromob"),
        # A former region is a region, not a part of it.
        ("Combien l'État donne-t-il à SENS en Alsace ?", "sens"),
    ],
)
def test_places_that_describe_the_programme_do_not_narrow(
    corpus_catalog: Catalog, question: str, doc_id: str
) -> None:
    assert restricted_to(question, corpus_catalog.by_id[doc_id], corpus_catalog) == ""


@pytest.mark.parametrize(
    ("question", "doc_id", "part"),
    [
        # One region of a national scheme, or the asker's own pointed back to.
        (
            "Combien de lauréats de Territoires d'industrie 4.0 en Bretagne ?",
            "territoires-d-industrie",
            "bretagne",
        ),
        ("Je suis en Corse : combien de projets ont été retenus chez nous ?", "ami-cma", "corse"),
        # The asker's region, not pointed back to, narrows nothing.
        ("Je suis en Corse. Combien de projets l'AMI CMA a-t-il retenus ?", "ami-cma", ""),
        # A regional programme's own region locates it.
        (
            "Combien de personnes Electro'Mob forme-t-il dans les Hauts-de-France ?",
            "electromob",
            "",
        ),
    ],
)
def test_a_region_narrows_a_national_scheme(
    corpus_catalog: Catalog, question: str, doc_id: str, part: str
) -> None:
    assert restricted_to(question, corpus_catalog.by_id[doc_id], corpus_catalog) == part


def test_what_was_done_in_one_year_asks_that_years_figure(corpus_catalog: Catalog) -> None:
    record = corpus_catalog.by_id["decarbochim"]
    question = "DécarboChim, combien de stagiaires ont été formés en 2024 ?"
    assert restricted_to(question, record, corpus_catalog) == "2024"
    target = "Combien de stagiaires DécarboChim veut-il former d'ici 2030 ?"
    assert restricted_to(target, record, corpus_catalog) == ""
    enrolled = "combien d'étudiants se sont inscrits au DU de SENS en 2023 ?"
    assert restricted_to(enrolled, corpus_catalog.by_id["sens"], corpus_catalog) == "2023"


def test_one_member_named_by_its_carrier(corpus_catalog: Catalog) -> None:
    clusters = corpus_catalog.by_id["ia-clusters"]
    question = "Combien reçoit l'IA Cluster porté par l'Université de Lorraine ?"
    assert restricted_to(question, clusters, corpus_catalog) == "universite de lorraine"
    # The programme's own carrier, a description, or a part named besides: no member.
    verkor = corpus_catalog.by_id["ecole-de-la-batterie"]
    described = "Le programme porté par la start-up grenobloise Verkor forme combien par an ?"
    assert restricted_to(described, verkor, corpus_catalog) == ""
    eole = corpus_catalog.by_id["laureats-aeronautique-occitanie"]
    named = "eOLE Campus, le projet porté par Airbus, doit aider combien de jeunes par an ?"
    assert restricted_to(named, eole, corpus_catalog) == ""


def test_a_figure_of_the_other_kind_of_training_is_no_answer() -> None:
    initial = "En formation initiale, BATTENA prévoit d'accueillir 2 600 étudiants chaque année."
    assert other_kind("Combien en formation continue chaque année ?", initial) == (
        "formation continue"
    )
    continuing = "BATTENA prévoit plus de 2 300 salariés par an en formation continue."
    assert other_kind("Combien en formation continue chaque année ?", continuing) is None
    # A condensed follow-up: what follows the dash is asked.
    follow_up = "BATTENA accueille combien en formation initiale — en formation continue ?"
    assert other_kind(follow_up, initial) == "formation continue"


def test_the_part_is_named_as_the_question_writes_it() -> None:
    assert written("Combien dans l'Hérault ?", "herault") == "Hérault"
    assert written("à l'Université Le Havre Normandie", "le havre") == "Le Havre"


def test_a_figure_shared_by_several_is_recognised() -> None:
    assert asks_alone("Combien l'Observatoire touche-t-il à lui seul ?")
    assert shares_figure("Il reçoit 2,7 M€ pour l'Université Côte d'Azur et l'Observatoire.")
    assert shares_figure("RIS3 et CyberSkills4All reçoivent ensemble 15 M€.")
    assert not shares_figure("L'Observatoire reçoit 1 M€.")


def test_an_amount_asked_at_a_town_locates_the_programme(corpus_catalog: Catalog) -> None:
    record = corpus_catalog.by_id["battena"]
    question = "Combien l'État donne-t-il à BATTENA à Poitiers ?"
    assert restricted_to(question, record, corpus_catalog, money=True) == ""
    alone = "Combien l'État donne-t-il précisément à Poitiers dans BATTENA ?"
    assert restricted_to(alone, record, corpus_catalog, money=True) == "poitiers"


@pytest.mark.parametrize(
    ("question", "doc_id", "part"),
    [
        (
            "Combien de personnes FPI AURA a-t-il formées lors de sa première année ?",
            "fpi-aura",
            "premiere annee",
        ),
        ("Combien d'élèves compte la 1re promo de SENS ?", "sens", "premiere promotion"),
        (
            "Quelle part du budget de FPI AURA revient à l'académie de Grenoble ?",
            "fpi-aura",
            "academie de grenoble",
        ),
        ("Sur les 18,5 M€ de TalCyb, quelle somme va aux podcasts ?", "talcyb", "podcasts"),
        # A programme described by what it is devoted to, the whole of a scheme: no part.
        ("Quelle enveloppe pour Bio'Occ, le projet consacré aux biomédicaments ?", "bio-occ", ""),
        ("Quelle dotation a été attribuée à l'ensemble des IA Clusters ?", "ia-clusters", ""),
    ],
)
def test_a_first_year_or_one_recipient_of_the_money(
    corpus_catalog: Catalog, question: str, doc_id: str, part: str
) -> None:
    record = corpus_catalog.by_id[doc_id]
    assert restricted_to(question, record, corpus_catalog, money=True) == part


def test_one_course_narrows_a_count_unless_it_is_the_programme(corpus_catalog: Catalog) -> None:
    question = "Combien de places dans la mineure décarbonation de l'EILCO ?"
    assert restricted_to(question, corpus_catalog.by_id["c-decide"], corpus_catalog) == "mineure"
    # Quant4CVL is « un cursus master »: its master is the programme itself.
    master = "Combien de places dans le master quantique à Tours ?"
    assert restricted_to(master, corpus_catalog.by_id["quant4cvl"], corpus_catalog) == ""
