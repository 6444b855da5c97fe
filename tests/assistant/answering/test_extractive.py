"""Extractive answers through ``Assistant.ask`` on the real index: verbatim, cited, refused
when the documents do not say."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest
from _helpers import CountingEmbedder

from assistant import Answer, Citation, Filters
from assistant.answer import NOT_FOUND
from assistant.answering import SentenceVectors, build_chain
from assistant.text import contains, ungrounded_numbers

if TYPE_CHECKING:
    from conftest import DevRun

    from assistant import Assistant

pytestmark = pytest.mark.slow

REFUSAL = "Je n'ai pas trouvé cette information dans les documents dont je dispose"


def assert_citation_is_exact(citation: Citation) -> None:
    """What the user sees quoted is exactly the stored text at the given offsets."""
    assert citation.chunk_text[citation.start : citation.end] == citation.quote
    assert citation.quote.strip()
    assert citation.title and citation.url and citation.url.startswith("http")


def test_a_budget_question_quotes_the_exact_figure(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("Quel est le budget d'Electro'Mob ?")
    assert answer.answerable
    assert "25 M€" in answer.text and "[1]" in answer.text
    (citation,) = answer.citations
    assert citation.n == 1 and citation.doc_id == "electromob"
    assert citation.title.startswith("Electro'Mob")
    assert citation.url == "https://www.hautsdefrance.fr/electromob/"
    assert "25 M€" in citation.quote
    assert citation.updated == "2026-11-25"
    assert_citation_is_exact(citation)
    assert answer.confidence >= 0.9


@pytest.mark.parametrize(
    ("question", "figure", "doc_id"),
    [
        ("Quel est le montant de l'aide de l'État pour Electro'Mob ?", "14,2 M€", "electromob"),
        ("Combien de personnes Electro'Mob veut-il former ?", "8 000", "electromob"),
        ("Quand BATTENA a-t-il été lancé ?", "5 avril 2024", "battena"),
        ("Qui porte BATTENA ?", "Conseil régional de Nouvelle-Aquitaine", "battena"),
        ("Quel est le montant de la subvention CMA obtenue par FPI AURA ?", "9,5 M€", "fpi-aura"),
        # Partners listed without the word « partenaires »; a programme described, not named.
        ("Avec quels partenaires la Maison de l'Emploi mène-t-elle FORE-CY ?", "Numeum", "fore-cy"),
        (
            "Combien l'État met-il sur la table pour l'école de Verkor ?",
            "13,9 M€",
            "ecole-de-la-batterie",
        ),
        (
            "Combien de profs du secondaire le projet cyber de l'Université de Toulouse veut-il former ?",
            "700",
            "osmose",
        ),
        # What was done, not what is planned (« vise 23 000 étudiants »).
        ("Qu'a déjà réalisé C-DéCIDé ?", "7 chantiers-écoles", "c-decide"),
        # A part of a programme, named by its alias: its own figure, not the whole's 360 M€.
        ("Combien France 2030 met-il dans SequoIA ?", "20 M€", "ia-clusters"),
        # A count the document gives beside a list it does not (« leur liste n'est pas
        # détaillée »); a programme described by its town and sector words.
        ("Le Campus des industries navales associe combien de partenaires ?", "14", "forteim"),
        ("Le projet strasbourgeois de numérique en santé, quel budget total ?", "4,2 M€", "sens"),
        # What is taught: the sentence listing it; a target reached « en 5 ans » is no course
        # length to refuse.
        ("Quels domaines couvre 3NC ?", "démantèlement", "3nc"),
        (
            "Combien d'apprenants COMETES doit-il former, et en combien de temps ?",
            "5 ans",
            "cometes",
        ),
        # Who it is for: the sentence naming the publics, or the levels when levels are asked
        # (« le détail des niveaux n'est pas publié » does not unsay the publics).
        ("À qui s'adresse Bio'Occ ?", "Étudiants et professionnels", "bio-occ"),
        ("CyberSkills4All, c'est pour quel niveau d'études ?", "bac-3 à bac+8", "cyberskills4all"),
        # Who did it: of the sentences naming someone, the one holding the question's words.
        (
            "Qui a présenté aux recteurs le dispositif de la carte des formations des lycées pros ?",
            "Carole Grandjean",
            "carte-formations-lycees-pro",
        ),
        (
            "Quelle structure porte le diagnostic FORE-CY ?",
            "Maison de l'Emploi du Grand Nancy",
            "fore-cy",
        ),
        # « qui porte » in a relative clause: the question asks who presides.
        ("Qui préside l'université qui porte le projet Cyrce ?", "Lamri Adoui", "cyrce"),
        # « Depuis quand… existe ? »: the launch date, not the latest date.
        (
            "Depuis quand l'AMI « Compétences et métiers d'avenir » existe-t-il ?",
            "16 décembre 2021",
            "ami-cma",
        ),
        # A comparison between a named programme and a described one.
        (
            "Qui obtient le plus de France 2030 : l'école hydrogène de Bourgogne-Franche-Comté ou SENS ?",
            "6 M€",
            "ecole-hydrogene-bfc",
        ),
    ],
)
def test_one_programme_questions_quote_the_right_sentence(
    indexed_assistant: Assistant, question: str, figure: str, doc_id: str
) -> None:
    answer = indexed_assistant.ask(question)
    assert answer.answerable
    assert contains(answer.text, figure)
    assert answer.citations[0].doc_id == doc_id
    assert contains(answer.citations[0].quote, figure)
    for citation in answer.citations:
        assert f"[{citation.n}]" in answer.text
        assert_citation_is_exact(citation)


def test_an_off_topic_question_is_refused_without_citation(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("Quelle est la recette du cassoulet ?")
    assert not answer.answerable
    assert answer.text.startswith((REFUSAL, "La fiche « "))  # « … ne précise pas … »
    assert answer.text.startswith(NOT_FOUND)
    assert answer.citations == []
    assert "[1]" not in answer.text
    assert answer.confidence < 0.5


def test_an_unpublished_figure_is_refused_with_where_to_ask(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Quel est le montant de la subvention accordée à Evolution Jeu Vidéo ?"
    )
    assert not answer.answerable
    assert answer.text.startswith((REFUSAL, "La fiche « "))  # « … ne précise pas … »
    assert "M€" not in answer.text  # no invented amount
    # Where to ask: the programme's own page.
    assert "https://afjv.com/news/11563_lancement-evolution-jeu-video.htm" in answer.text
    # The sentence saying the amount is not published is quoted as the reason.
    assert [c.doc_id for c in answer.citations] == ["evolution-jeu-video"]
    assert "n'est pas publié" in answer.citations[0].quote
    assert_citation_is_exact(answer.citations[0])


def test_a_comparison_gives_a_cited_table(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("Compare les budgets d'Electro'Mob et de FPI AURA.")
    assert answer.answerable and answer.table is not None
    rows = {row["Programme"]: row for row in answer.table}
    assert rows["Electro'Mob"]["Budget total"] == "25 M€"
    assert rows["FPI AURA"]["Budget total"] == "22 M€"
    by_number = {f"[{c.n}]": c for c in answer.citations}
    for row in answer.table:
        citation = by_number[row["Source"]]  # every row is cited…
        assert contains(citation.quote, row["Budget total"])  # …by a sentence with its figure
        assert_citation_is_exact(citation)
    assert answer.text.index("Electro'Mob") < answer.text.index("FPI AURA")  # largest first


def test_a_list_by_region_lists_only_programmes_of_that_region(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask("Quels programmes existent en Occitanie ?")
    expected = [
        r.short_name
        for r in indexed_assistant.programmes(Filters(regions=("Occitanie",)))
        if not indexed_assistant.catalog.is_generic(r.id)
    ]
    assert answer.answerable
    assert f"J'ai trouvé {len(expected)} programmes" in answer.text
    listed = [line for line in answer.text.splitlines() if line.startswith("- **")]
    assert len(listed) == len(expected)
    for name in expected:
        assert f"**{name}**" in answer.text
    for citation in answer.citations:
        record = indexed_assistant.catalog.by_id[citation.doc_id]
        assert "Occitanie" in record.regions
        assert_citation_is_exact(citation)
    assert "Electro'Mob" not in answer.text


def test_a_follow_up_uses_the_history(indexed_assistant: Assistant) -> None:
    first = indexed_assistant.ask("Quel est le budget d'Electro'Mob ?")
    history = [
        {"role": "user", "content": "Quel est le budget d'Electro'Mob ?"},
        {"role": "assistant", "content": first.text},
    ]
    answer = indexed_assistant.ask("Et pour FPI AURA ?", history=history)
    assert answer.standalone_question == "Quel est le budget de FPI AURA ?"
    assert "22 M€" in answer.text
    assert [c.doc_id for c in answer.citations] == ["fpi-aura"]


def test_a_follow_up_without_a_name_answers_about_the_previous_programme(
    indexed_assistant: Assistant,
) -> None:
    history = [
        {"role": "user", "content": "Qu'est-ce que BATTENA ?"},
        {"role": "assistant", "content": "BATTENA forme la filière batterie."},
    ]
    answer = indexed_assistant.ask("Combien vient de l'État ?", history=history)
    assert "BATTENA" in answer.standalone_question
    assert "10 M€" in answer.text
    assert answer.citations[0].doc_id == "battena"


def test_a_filter_that_matches_nothing_gives_no_passage(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Quels programmes forment aux batteries ?", filters=Filters(regions=("Corse",))
    )
    assert answer.passages == []
    assert not answer.answerable and answer.citations == []


@pytest.mark.parametrize("region", ["Corse", "Nouvelle-Aquitaine"])
def test_filters_also_bind_answers_about_a_named_programme(
    indexed_assistant: Assistant, region: str
) -> None:
    filters = Filters(regions=(region,))
    allowed = {r.id for r in indexed_assistant.programmes(filters)}
    answer = indexed_assistant.ask("Quel est le budget d'Electro'Mob ?", filters=filters)
    assert {c.doc_id for c in answer.citations} <= allowed
    assert "Electro'Mob est mené dans les Hauts-de-France, pas " in answer.text


def test_the_smallest_budget_is_the_smallest_one(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("Quel programme a le plus petit budget ?")
    assert answer.table is not None
    assert answer.text.startswith("Parmi les programmes comparés, ATCF")


def test_no_dev_answer_holds_a_number_absent_from_its_sources(dev_run: DevRun) -> None:
    """Every number shown is in a cited source (counts the assistant made excepted)."""
    problems = []
    for question, answer in dev_run.answers:
        sources = [f"{c.chunk_text}\n{c.title}\n{c.source_name}" for c in answer.citations]
        missing = [
            n for n in ungrounded_numbers(answer.text, sources) if n not in answer.derived_numbers
        ]
        if missing:
            problems.append((question["id"], missing))
    assert problems == []


def test_every_dev_citation_quotes_its_chunk_exactly(dev_run: DevRun) -> None:
    for _question, answer in dev_run.answers:
        for citation in answer.citations:
            assert citation.chunk_text[citation.start : citation.end] == citation.quote
            assert f"[{citation.n}]" in answer.text


def test_quoted_sentences_never_break_a_line_in_mid_sentence(dev_run: DevRun) -> None:
    """Sources wrap paragraphs with hard line breaks; an answer shows each quoted sentence
    on one line (a break only between sentences, list items or paragraphs)."""
    broken = [
        (question["id"], line)
        for question, answer in dev_run.answers
        for line in answer.text.split("\n")
        if line.strip()
        and line.rstrip()[-1].isalnum()
        and not line.lstrip().startswith(("-", "|", "*"))
        and answer.citations
    ]
    assert broken == []


def test_every_dev_refusal_says_so_in_french(dev_run: DevRun) -> None:
    refusals: list[Answer] = [a for _q, a in dev_run.answers if not a.answerable]
    assert refusals
    for answer in refusals:
        assert answer.text.startswith(
            (REFUSAL, "Je n'ai trouvé aucun", "La fiche « ", "Les documents")
        )


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # « Quand… ? » is answered by a sentence holding a date (« France 2030 » is none).
        (
            "Quand le programme néo-aquitain consacré aux accumulateurs pour véhicules a-t-il "
            "officiellement démarré ?",
            "5 avril 2024",
        ),
        # « combien d'heures » wants hours, not « jusqu'en 2030 ».
        ("Combien d'heures de cours sur l'hydrogène a dispensé GENHYO ?", "3 650 heures"),
    ],
)
def test_a_date_or_duration_question_quotes_a_date_or_duration(
    indexed_assistant: Assistant, question: str, expected: str
) -> None:
    answer = indexed_assistant.ask(question)
    assert answer.answerable
    assert expected in answer.text


# --- sentence vectors stored at indexing -------------------------------------------------------

SENTENCE_QUESTIONS = [
    "Quels métiers le programme Electro'Mob vise-t-il ?",
    "Comment se former aux métiers de l'hydrogène ?",
    "Quels sont les partenaires de BATTENA ?",
    "Qui peut suivre les formations de GENHYO ?",
    "Quelles formations existent pour le nucléaire ?",
    "Comment le programme REMED accompagne-t-il les demandeurs d'emploi ?",
]


def _chain_with(
    assistant: Assistant, embedder: CountingEmbedder, stored: SentenceVectors | None
) -> Any:
    return build_chain(
        assistant.settings,
        catalog=assistant.catalog,
        retriever=assistant.retriever,
        embedder=embedder,  # type: ignore[arg-type]
        sentence_vectors=stored,
    )


def _ask(chain: Any, question: str) -> Answer:
    return chain.invoke({"question": question, "history": [], "filters": Filters()})


def test_stored_sentence_vectors_give_the_same_answers_without_embedding(
    indexed_assistant: Assistant,
) -> None:
    on_the_fly = CountingEmbedder(indexed_assistant.embedder)
    stored = CountingEmbedder(indexed_assistant.embedder)
    live_chain = _chain_with(indexed_assistant, on_the_fly, None)
    stored_chain = _chain_with(indexed_assistant, stored, indexed_assistant.sentence_vectors)
    for question in SENTENCE_QUESTIONS:
        live, read = _ask(live_chain, question), _ask(stored_chain, question)
        assert read.text == live.text, question
        assert [(c.chunk_id, c.start, c.end) for c in read.citations] == [
            (c.chunk_id, c.start, c.end) for c in live.citations
        ]
        assert read.confidence == live.confidence
    assert on_the_fly.document_calls > 0  # the questions do go through the re-ranking
    assert stored.document_calls == 0


def test_missing_sentence_vectors_are_embedded_at_question_time(
    indexed_assistant: Assistant, caplog: pytest.LogCaptureFixture
) -> None:
    class Empty:
        def vectors(self, texts: Sequence[str]) -> list[np.ndarray | None]:
            return [None] * len(texts)

    embedder = CountingEmbedder(indexed_assistant.embedder)
    chain = _chain_with(indexed_assistant, embedder, Empty())
    with caplog.at_level(logging.INFO, logger="assistant.answering.ranking"):
        answers = [_ask(chain, q) for q in SENTENCE_QUESTIONS[:2]]
    reference = indexed_assistant.ask(SENTENCE_QUESTIONS[0])
    assert answers[0].text == reference.text
    assert embedder.document_calls > 0
    told = [r for r in caplog.records if "sentence vectors missing" in r.getMessage()]
    assert len(told) == 1  # said once, not per question


def test_a_new_subject_after_a_programme_is_not_taken_for_a_follow_up(
    indexed_assistant: Assistant,
) -> None:
    """A short question with words the documents never use is a new subject: it is not
    asked about the programme just discussed (it got REMED's cost before)."""
    history = [
        {"role": "user", "content": "Quel est le salaire d'un technicien formé par REMED ?"},
        {"role": "assistant", "content": "La fiche « REMED » ne précise pas le salaire."},
    ]
    answer = indexed_assistant.ask("Comment sécuriser mon smartphone ?", history=history)
    assert not answer.answerable and not answer.citations
    assert "REMED" not in answer.standalone_question
    # A follow-up in the documents' own words still is one.
    follow_up = indexed_assistant.ask("Combien de partenaires ?", history=history)
    assert "REMED" in follow_up.standalone_question and follow_up.answerable


@pytest.mark.parametrize(
    ("question", "history"),
    [
        ("Qui porte Electro'Mob ?", []),
        ("Quel est le porteur d'Electro'Mob ?", []),
        (
            "Qui le porte ?",
            [
                {"role": "user", "content": "Quel est le budget d'Electro'Mob ?"},
                {"role": "assistant", "content": "Le budget total atteint 25 M€."},
            ],
        ),
    ],
)
def test_who_carries_a_programme_is_never_answered_by_its_money(
    indexed_assistant: Assistant, question: str, history: list[dict[str, str]]
) -> None:
    """« L'État apporte 14,2 M€ » holds « porte » but says nothing of who carries the
    project: Electro'Mob's page does not name its lead, and the answer says so."""
    answer = indexed_assistant.ask(question, history=history)
    assert not answer.answerable
    assert answer.text.startswith("La fiche « Electro'Mob » ne précise pas le porteur")
    assert "M€" not in answer.text


def test_who_carries_a_programme_quotes_the_sentence_naming_it(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask("Qui porte REMED ?")
    assert answer.answerable and "porté par l'Université Claude Bernard Lyon 1" in answer.text


@pytest.mark.parametrize(
    ("question", "expected", "not_expected"),
    [
        ("Combien de personnes compte l'équipe de C-DéCIDé ?", ["8 personnes"], "23 000"),
        ("Où se trouve le deuxième site de l'EN2R ?", ["Romans-sur-Isère"], "Lomme"),
        (
            "Quel est l'objectif actualisé de formation de 3NC et pour quand ?",
            ["15 000", "2029"],
            "9 juin 2023",
        ),
        (
            "Quand la Région Nouvelle-Aquitaine a-t-elle voté sa participation à COMETES ?",
            ["19 décembre 2024"],
            "16 juillet 2024",
        ),
        (
            "Combien de personnes la filière batterie régionale pouvait-elle recruter entre "
            "2022 et 2026 selon le diagnostic de BATTENA ?",
            ["un millier"],
            "35 000",
        ),
    ],
)
def test_the_record_value_does_not_answer_a_question_about_something_else(
    indexed_assistant: Assistant, question: str, expected: list[str], not_expected: str
) -> None:
    """The programme's headline figure (people to train, its town, its launch date) is no
    answer when the question is about something else of it (its team, its second site, an
    updated goal) that another sentence gives."""
    answer = indexed_assistant.ask(question)
    assert answer.answerable
    for value in expected:
        assert contains(answer.text, value)
    assert not contains(answer.text, not_expected)
    for citation in answer.citations:
        assert_citation_is_exact(citation)


def test_a_share_is_answered_even_when_the_amount_is_not_published(
    indexed_assistant: Assistant,
) -> None:
    """« Quelle part… ? » is answered by « près de 50 % », though the amount is unpublished."""
    answer = indexed_assistant.ask("Quelle part de Bio'Occ l'État finance-t-il ?")
    assert answer.answerable
    assert "50 %" in answer.text
    assert answer.citations[0].doc_id == "bio-occ"
    # An amount asked for is still refused when only the share is published.
    amount = indexed_assistant.ask("Quel est le montant de l'aide de l'État pour Bio'Occ ?")
    assert not amount.answerable


def test_a_value_the_question_names_is_not_its_answer(indexed_assistant: Assistant) -> None:
    """« … chez Verkor ? » names the lead: the answer is who coordinates it there."""
    answer = indexed_assistant.ask("Qui coordonne l'École de la Batterie chez Verkor ?")
    assert answer.answerable
    assert "Émilie Rondet" in answer.text
    assert any("Émilie Rondet" in c.quote for c in answer.citations)


def test_who_directs_a_programme_is_answered_by_who_directs_it(
    indexed_assistant: Assistant,
) -> None:
    """« Qui dirige… ? » is a lead question: the sentence saying who directs it answers."""
    answer = indexed_assistant.ask("Qui dirige le CMQ NFP 4.0 ?")
    assert answer.answerable
    assert "Régis Bichard" in answer.text


@pytest.mark.parametrize(
    ("question", "expected", "doc_id"),
    [
        # « Quels X participent ? » asks for the partners, named, not counted.
        ("Quels établissements participent à Bio'Occ ?", ["INSA Toulouse"], "bio-occ"),
        ("Quels organismes sont associés à REMED ?", ["Symbio", "Renault Trucks"], "remed"),
        # A figure of the programme described, not of another one sharing its region.
        (
            "Combien de personnes le programme batterie de Nouvelle-Aquitaine veut-il former ?",
            ["35 000"],
            "battena",
        ),
        # One figure of one programme described, not the list of the region's programmes.
        (
            "Quel est le budget du programme de formation à la microélectronique en Provence ?",
            ["2,5 M€"],
            "i-novmicro",
        ),
        # « Les sources ne précisent pas si… » leaves the amount published beside it.
        (
            "Quelle part du chantier ferroviaire de Saintes est financée par France 2030 ?",
            ["10 M€"],
            "ferrocampus",
        ),
    ],
)
def test_the_sentence_quoted_answers_what_is_asked(
    indexed_assistant: Assistant, question: str, expected: list[str], doc_id: str
) -> None:
    answer = indexed_assistant.ask(question)
    assert answer.answerable
    assert answer.citations[0].doc_id == doc_id
    for value in expected:
        assert contains(answer.citations[0].quote, value), value


@pytest.mark.parametrize(
    "question",
    [
        "Quel est le nom de la structure qui labellisera les parcours d'Evolution Jeu Vidéo ?",
        "Dans quelles communes se trouvent les 6 sites de REMED ?",
        "Quels sont les noms des 11 partenaires d'I-NovMicro ?",
        # The document says the levels are not detailed: that is a refusal, not an answer.
        "Pour quels niveaux de diplôme DécarboChim forme-t-il ?",
    ],
)
def test_a_sentence_that_only_repeats_the_question_is_no_answer(
    indexed_assistant: Assistant, question: str
) -> None:
    """The document mentions the thing asked about but not the number or name asked: the
    assistant says it does not know rather than quote a sentence about something else."""
    answer = indexed_assistant.ask(question)
    assert not answer.answerable, answer.text
    assert "ne précise pas" in answer.text or REFUSAL in answer.text, answer.text


def test_a_near_miss_refusal_says_what_is_missing_and_what_the_document_says(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask("Quels sont les noms des 11 partenaires d'I-NovMicro ?")
    assert not answer.answerable
    assert "La fiche « I-NovMicro » ne précise pas les noms des partenaires." in answer.text
    assert any("11 partenaires" in c.quote for c in answer.citations)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Comment s'appelle le projet du Gifod à Dijon retenu par DEFFINUM ?", "Nid'AI.e"),
        ("Combien de formations le Ferrocampus proposera-t-il ?", "centaine"),
        # A surface is an area, not the year of the inauguration in the same passage.
        ("Quelle est la superficie de la tour du Campus Cyber qui pilote TalCyb ?", "26 000 m²"),
        # « Quelle surface… ? »: the sentence in m², whatever words it shares.
        ("Quelle surface fera le Ferrocampus construit à Saintes ?", "14 000 m²"),
        # « le volume horaire » asks a number of hours (not a timetable).
        (
            "Pour les élèves-ingénieurs formés à l'e-santé à Limoges avec le CHU et l'école "
            "3iL, quel est le volume horaire de l'enseignement dédié ?",
            "165 heures",
        ),
        # The works named precisely (« première pierre ») before a start of any kind; « du
        # rail » is the railway sector.
        (
            "Quand les travaux du pôle d'excellence du rail installé sur le Technicentre SNCF "
            "de Charente-Maritime ont-ils symboliquement commencé ?",
            "23 mai 2025",
        ),
        # « son volume horaire », the question split at « et le CHU »: a sentence in hours.
        (
            "À Limoges, les élèves-ingénieurs de 3iL suivent un module de santé numérique "
            "conçu avec l'université et le CHU : quel est son volume horaire ?",
            "165 heures",
        ),
        # « trois membres du Gouvernement » are no partners of the consortium.
        (
            "Le projet 3NC, grand programme normand de formation aux métiers du nucléaire "
            "annoncé à Caen en juin 2023, réunit combien de partenaires au sein de son "
            "consortium ?",
            "38 partenaires",
        ),
        # « le coût estimé » asks the budget, of a programme described by its launch.
        (
            "Quel est le coût estimé du projet de Lyon 1 sur les véhicules électriques et à "
            "hydrogène, inauguré sur le campus de la Doua en présence de Roland Lescure ?",
            "21 M€",
        ),
        # « combien d'acteurs autour de son porteur ? » asks a count, not who carries it.
        (
            "Le projet de cybersécurité occitan dont le coup d'envoi a été donné à l'ENAC fin "
            "2025 rassemble combien d'acteurs autour de son porteur ?",
            "21 partenaires",
        ),
        # A superlative naming the topic (« Le plus gros projet… , ») is not what is asked.
        (
            "Le plus gros projet français pour apprendre les métiers de l'hydrogène, piloté "
            "depuis Toulouse, combien d'heures d'enseignement a-t-il déjà assurées ?",
            "3 650",
        ),
        # A feminine demonym is a town (« dunkerquoise »: Dunkerque).
        (
            "À quelle date l'académie dunkerquoise consacrée à la réduction des émissions de "
            "l'industrie a-t-elle été officiellement mise en route ?",
            "19 janvier 2024",
        ),
        # « Quel recteur… ? » asks who, whatever level of study the question mentions.
        ("Quel recteur a visité le nouveau bac pro 3D de Villeurbanne (FPI AURA) ?", "Dugrip"),
        # « Combien de départements d'IUT » counts those, not all the partners.
        ("Combien de départements d'IUT compte le consortium DécarboChim ?", "22"),
        # « créé quand ? » asks when it was created, not when the project was launched.
        ("Le CINav, porteur de FORTEIM, a été créé quand ?", "novembre 2017"),
        # « à l'horizon 2030 » dates the target: the places are asked.
        ("Combien de places les 14 lauréats du 7 juin 2023 ouvriront-ils d'ici 2030 ?", "620 000"),
    ],
)
def test_a_name_or_number_asked_is_quoted_when_the_document_gives_it(
    indexed_assistant: Assistant, question: str, expected: str
) -> None:
    answer = indexed_assistant.ask(question)
    assert answer.answerable and expected in answer.text, answer.text


def test_how_many_programmes_touch_a_region_is_a_catalogue_count(
    indexed_assistant: Assistant,
) -> None:
    """« touchent » is no State aid: the programmes of the region are counted."""
    answer = indexed_assistant.ask("Combien de dispositifs touchent la Nouvelle-Aquitaine ?")
    assert answer.answerable and "7 programmes" in answer.text, answer.text


def test_a_ranking_of_people_to_train_cites_each_figure_whole(
    indexed_assistant: Assistant,
) -> None:
    """« le plus de monde » ranks people to train; « 8 000 » is cited from a sentence
    holding 8 000, not from one holding « 800 000 »."""
    answer = indexed_assistant.ask(
        "Qui forme le plus de monde : SENS ou l'École de la Batterie de Verkor ?"
    )
    assert answer.answerable and "8 000" in answer.text, answer.text
    assert not ungrounded_numbers(answer.text, [c.quote for c in answer.citations])
    (batterie,) = [c for c in answer.citations if c.doc_id == "ecole-de-la-batterie"]
    assert "8 000 personnes" in batterie.quote


def test_a_date_of_another_event_is_no_answer(indexed_assistant: Assistant) -> None:
    # The documents date the first stone, not the arrival of the first learners.
    answer = indexed_assistant.ask(
        "À partir de quand le Ferrocampus de Saintes accueillera-t-il ses premiers apprenants ?"
    )
    assert not answer.answerable
    assert "ne précise pas la date d'accueil des premiers apprenants" in answer.text
    ended = indexed_assistant.ask("DécarboChim doit se terminer quand ?")
    assert ended.answerable and "2028" in ended.text


def test_a_town_asked_is_the_town_of_what_the_question_is_about(
    indexed_assistant: Assistant,
) -> None:
    # Not the region of the programme, nor the town where it was launched (Lille).
    answer = indexed_assistant.ask(
        "La gigafactory d'Envision qu'accompagne Electro'Mob, elle se trouve dans quelle ville ?"
    )
    assert answer.answerable and "Douai" in answer.citations[0].quote
    sites = indexed_assistant.ask(
        "Dans quelles villes sont installés les 6 sites équipés de bornes de recharge de REMED ?"
    )
    assert not sites.answerable and "ne précise pas les villes demandées" in sites.text


def test_a_limit_is_no_ranking(indexed_assistant: Assistant) -> None:
    # « au maximum » bounds one value; it does not ask to rank programmes.
    answer = indexed_assistant.ask(
        "Pour un lycée agricole, un projet CMA peut durer au maximum combien de temps ?"
    )
    assert answer.answerable and "60 mois" in answer.text


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        # The State's share is not the whole cost; it is said as what the document gives.
        (
            "Quel est le coût total du programme COMETES, toutes sources de financement "
            "confondues ?",
            "ne précise pas le budget total",
        ),
        # Nor is another amount its sentence does not call a cost (the sector word
        # « spatial » made them rank first).
        ("Quel est le coût total du programme spatial COMETES ?", "ne précise pas le budget total"),
        # A result asked, a target listed as a verb (« former 1 500 formateurs en 5 ans »).
        (
            "Combien de formateurs GENHYO a-t-il effectivement formés à ce jour, au regard de "
            "son objectif sur cinq ans ?",
            "ne précise pas le chiffre atteint",
        ),
        # « a-t-il diplômées » counts people; it asks no diploma.
        (
            "Combien de personnes le Ferrocampus de Saintes a-t-il diplômées au cours de "
            "l'année 2024 ?",
            "ne précise pas le chiffre atteint",
        ),
        # Hours asked, none given: no other sentence answers.
        ("Quel est le volume horaire de la formation BATTENA ?", "ne précise pas"),
        # The cost of a course for one learner, a name between: no budget answers it.
        (
            "Quel est le coût de la formation BATTENA pour un apprenant ?",
            "ne précise pas le coût de formation par apprenant",
        ),
        # Teachers are not students; jobs are not learners.
        ("Combien d'étudiants OSMOSE s'engage-t-il à former ?", "ne précise pas le nombre"),
        (
            "Combien d'apprenants l'école hydrogène de Bourgogne-Franche-Comté formera-t-elle "
            "chaque année ?",
            "ne précise pas le nombre",
        ),
        # A place name's number (« Lyon 1 ») is no amount; the Region's money is not the State's.
        (
            "Combien la Région Auvergne-Rhône-Alpes verse-t-elle à REMED ?",
            "le montant apporté par la Région",
        ),
    ],
)
def test_a_figure_of_another_thing_is_no_answer(
    indexed_assistant: Assistant, question: str, missing: str
) -> None:
    answer = indexed_assistant.ask(question)
    assert not answer.answerable and missing in answer.text, answer.text


def test_who_carries_a_member_of_a_group_names_the_carrier(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Le projet hydrogène LMA, retenu en 1re vague, est porté par qui ?"
    )
    assert answer.answerable and "GIP Emploi Roissy CDG" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # « Par an »: the yearly figure, not the total.
        (
            "La start-up grenobloise des batteries qui a monté sa propre école, elle compte "
            "former combien de gens par an ?",
            "1 600",
        ),
        # The asker's situation first; adults are people trained.
        (
            "jsuis au chômage vers Poitiers et je voudrais bosser dans les batteries : le gros "
            "programme régional, il prend combien d'adultes par an en formation continue ?",
            "2 300",
        ),
        # The partner of what is asked, among all the partners.
        (
            "Pour attirer plus de filles dans la cyber, le programme du Campus Cyber à La "
            "Défense bosse avec quelle asso ?",
            "Women4Cyber",
        ),
        (
            "Le projet de Lyon 1 sur les voitures électriques coopère avec quelles régions ?",
            "Piémont",
        ),
    ],
)
def test_the_value_of_what_is_asked_among_the_programmes_values(
    indexed_assistant: Assistant, question: str, expected: str
) -> None:
    answer = indexed_assistant.ask(question)
    assert answer.answerable and expected in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # People named by their trade are counted (« hackers éthiques », « spécialistes »).
        ("La fac de Caen, elle veut sortir combien de hackers éthiques par an ?", "250"),
        # « Ça pèse combien ? » asks the budget.
        (
            "Le projet pour se former à la fabrication des médicaments issus du vivant en "
            "Occitanie, ça pèse combien au total ?",
            "9 M€",
        ),
        # « Combien d'argent » names no funder: what the plan spends answers it.
        (
            "Le plan national pour l'électronique, il met combien d'argent sur la formation ?",
            "50 M€",
        ),
        # « Quels projets ? »: the sentence naming them, not the one counting them.
        (
            "Quels projets consacrés à l'hydrogène ont été retenus lors de la 1re vague de "
            "l'AMI CMA ?",
            "COMED, LMA, GENHYO et AMHY",
        ),
        ("C'est quoi la proportion exacte de formations privées au jeu vidéo ?", "91 %"),
    ],
)
def test_everyday_wordings_of_a_figure_or_a_list(
    indexed_assistant: Assistant, question: str, expected: str
) -> None:
    answer = indexed_assistant.ask(question)
    assert answer.answerable and expected in answer.text, answer.text


def test_a_total_is_no_answer_for_one_of_its_places(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Sur les places ouvertes par ATCF, combien se trouvent dans l'académie de Grenoble ?"
    )
    assert not answer.answerable
    assert "ne précise pas le chiffre propre à Grenoble" in answer.text
    assert "129" not in answer.text.split("indique")[0]


def test_what_another_funder_pays_is_not_the_states_aid(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "La Région Auvergne-Rhône-Alpes met combien d'argent dans REMED ?"
    )
    assert not answer.answerable
    assert "ne précise pas le montant apporté par la Région" in answer.text
    # What the fiche does say is money: its cost, not where REMED runs.
    assert "M€" in answer.text.split("indique :")[1], answer.text
    answer = indexed_assistant.ask("Combien la Région Normandie a-t-elle versé pour 3NC ?")
    assert answer.answerable and "Région Normandie" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        # One recipient among several (« aux universités du Havre, de Rouen et de Caen »).
        (
            "Sur les financements de 3NC, combien revient précisément à l'Université de Caen "
            "Normandie ?",
            "ne précise pas le chiffre propre à Caen",
        ),
        # One town of a regional programme, one year of a five-year grant.
        (
            "Combien de personnes Electro'Mob forme-t-il spécifiquement à Douai ?",
            "ne précise pas le chiffre propre à Douai",
        ),
        (
            "Quel montant GENHYO a-t-il reçu pour la seule année 2024 ?",
            "ne précise pas le chiffre de la seule année demandée",
        ),
        # One region of a national scheme.
        (
            "Combien de lauréats de Territoires d'industrie 4.0 se trouvent en Bretagne ?",
            "ne précise pas le chiffre en Bretagne",
        ),
        # A department of a regional programme.
        (
            "Combien d'enseignants du secondaire OSMOSE va-t-il former dans l'Hérault ?",
            "ne précise pas le chiffre propre à Hérault",
        ),
        # A figure shared with another recipient is not one's own.
        (
            "Combien l'Observatoire de la Côte d'Azur touche-t-il à lui seul dans le projet "
            "COMETES ?",
            "ne précise pas le montant demandé",
        ),
        # A target is no result.
        (
            "À ce jour, combien de personnes Electro'Mob a-t-il déjà formées ?",
            "ne précise pas le chiffre atteint à ce jour",
        ),
        # A co-funder's share, asked in the passive.
        (
            "Quelle part du budget d'OSMOSE est apportée par la Région Occitanie ?",
            "ne précise pas le montant apporté par la Région",
        ),
    ],
)
def test_a_whole_figure_is_no_answer_for_one_of_its_parts(
    indexed_assistant: Assistant, question: str, missing: str
) -> None:
    answer = indexed_assistant.ask(question)
    assert not answer.answerable and missing in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "Le dispositif sur la carte des formations des lycées professionnels, il a été "
            "présenté aux recteurs quel jour, et sur quel horizon raisonne-t-il ?",
            ["13 janvier 2023", "3 ou 5 ans"],
        ),
        # Jobs are no people to train: the record keeps none, a sentence gives them.
        (
            "Combien la Stratégie Électronique 2030 consacre-t-elle aux formations, et combien "
            "d'emplois vise-t-elle ?",
            ["50 M€", "5 000 emplois"],
        ),
    ],
)
def test_both_parts_of_a_two_part_question_are_answered(
    indexed_assistant: Assistant, question: str, expected: list[str]
) -> None:
    answer = indexed_assistant.ask(question)
    assert answer.answerable and all(e in answer.text for e in expected), answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # A programme described, not named: its name is the answer.
        (
            "Comment s'appelle le projet de l'Université de Caen Normandie qui veut former des "
            "« hackers éthiques » ?",
            "Cyrce",
        ),
        # A result at mid-course, the programme described as « financé par le PIA ».
        (
            "À mi-chemin, combien de personnes le plan de formation à l'industrie du futur "
            "financé par le PIA en Provence avait-il déjà formées ?",
            "1 200",
        ),
    ],
)
def test_a_described_programme_is_answered_as_asked(
    indexed_assistant: Assistant, question: str, expected: str
) -> None:
    answer = indexed_assistant.ask(question)
    assert answer.answerable and expected in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # The sentence naming the public, not the programme's definition.
        ("À qui s'adresse MACMIA ?", "Élèves ingénieurs"),
        ("À qui s'adresse INFORISM ?", "Étudiants et professionnels"),
        # Levels and « s'adresse aux » say who too.
        ("À qui s'adresse REMED ?", "bac-3 à bac+8"),
        ("À qui s'adresse DEF'Hy ?", "acteurs de l'emploi et de la formation"),
    ],
)
def test_who_a_programme_is_for_is_the_sentence_naming_them(
    indexed_assistant: Assistant, question: str, expected: str
) -> None:
    answer = indexed_assistant.ask(question)
    assert answer.answerable and expected in answer.text, answer.text


def test_no_public_named_and_no_past_date_are_said_missing(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("À qui s'adresse FORE-CY ?")
    assert not answer.answerable and "ne précise pas le public visé" in answer.text
    # « 20 biothérapies en 2030 » dates no selection.
    answer = indexed_assistant.ask("BIOT2@Normandie a été retenu quand ?")
    assert not answer.answerable and "ne précise pas la date de sélection" in answer.text


def test_a_document_saying_it_gives_no_figure_is_a_refusal(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Pour un dossier, quel est le nombre exact de personnes que le campus cyber de La "
        "Défense s'engage à former avec son programme Talents Cyber ?"
    )
    assert not answer.answerable
    assert "ne précise pas le nombre de personnes à former" in answer.text


def test_an_unpublished_sentence_sharing_no_word_with_the_question_is_no_refusal(
    indexed_assistant: Assistant,
) -> None:
    # « la part propre à CyberSkills4All n'est pas publiée » is about money, not levels.
    answer = indexed_assistant.ask(
        "Et il couvre quels niveaux, du plus bas au plus haut (CyberSkills4All) ?"
    )
    assert answer.answerable and "bac-3" in answer.text and "bac+8" in answer.text


def test_a_company_asked_as_the_payer_is_answered_with_its_own_money(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask(
        "Dans le projet normand de formation au nucléaire, quelle somme EDF apporte-t-il, "
        "indépendamment de l'aide de l'État ?"
    )
    assert answer.answerable and "4,5 M€" in answer.text and "42 M€" not in answer.text
    answer = indexed_assistant.ask("Combien la Région Occitanie met de sa poche dans COMETES ?")
    assert not answer.answerable, answer.text
    assert "ne précise pas le montant apporté par la Région" in answer.text


def test_a_funder_named_before_its_pronoun_is_the_one_asked(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "je suis demandeur d'emploi à Douai, la Région a lancé un projet pour les métiers de "
        "la voiture électrique et des gigafactories, elle met combien dedans elle-même ?"
    )
    assert answer.answerable and "2,1 M€" in answer.text, answer.text


def test_a_region_is_no_projects_name(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Comment s'appellent les deux projets des Antilles retenus en saison 2 de l'AMI CMA ?"
    )
    assert not answer.answerable and "ne précisent pas les noms demandés" in answer.text


# --- generated probes: every programme, several wordings ------------------------------------

#: Ways users ask a programme's State aid (« {name} », « {city} » filled from its record).
_AID_WORDINGS = (
    "Combien l'État donne-t-il à {name} ?",
    "{name} a reçu combien d'argent ?",
    "Quel est le montant de la subvention France 2030 de {name} ?",
    "Combien a touché {name} de France 2030 ?",
    "Le projet {name} à {city}, il a reçu combien ?",
)
#: Ways users ask how many people a programme trains.
_PEOPLE_WORDINGS = (
    "Combien de personnes {name} veut-il former ?",
    "{name} forme combien de gens ?",
    "Quel est l'objectif de formation de {name} ?",
)


def test_every_programme_s_aid_is_answered_however_it_is_asked(
    indexed_assistant: Assistant,
) -> None:
    """« Combien a touché X ? » is money, not a salary; « X à Grenoble » locates X."""
    from assistant.answering.slots import holds_value, slot_values

    failures = []
    for record in indexed_assistant.catalog.records:
        values = slot_values(record, "state_aid")
        if not values:
            continue
        for wording in _AID_WORDINGS:
            if "{city}" in wording and (len(record.cities) != 1 or record.kind != "programme"):
                continue  # a town of several, or of one member, may ask that part's own figure
            city = record.cities[0] if record.cities else ""
            question = wording.format(name=record.short_name, city=city)
            answer = indexed_assistant.ask(question)
            if not (answer.answerable and any(holds_value(answer.text, v) for v in values)):
                failures.append((question, answer.text[:120]))
    assert not failures, failures


def test_every_programme_s_people_to_train_are_answered(indexed_assistant: Assistant) -> None:
    """Trainers are people too: « combien de personnes ? » takes « 700 formateurs »."""
    failures = []
    for record in indexed_assistant.catalog.records:
        if record.people is None:
            continue
        for wording in _PEOPLE_WORDINGS:
            question = wording.format(name=record.short_name)
            answer = indexed_assistant.ask(question)
            if not answer.answerable:
                failures.append((question, answer.text[:120]))
    assert not failures, failures


def test_a_question_typed_on_a_phone_is_understood(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("BATTENA ca a ete lancé qd ? et c porté par qui")
    assert answer.answerable
    assert "5 avril 2024" in answer.text and "Conseil régional de Nouvelle-Aquitaine" in answer.text


def test_the_region_asked_binds_a_question_naming_no_programme(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask(
        "Mon fils veut faire un bac pro dans l'impression 3D vers Lyon, "
        "il y a un truc financé par France 2030 ?"
    )
    assert answer.answerable and "3D" in answer.text
    assert {c.doc_id for c in answer.citations} == {"fpi-aura"}


def test_a_start_date_is_not_answered_by_a_target_horizon(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("BIOT2@Normandie, ça démarre quand ?")
    assert not answer.answerable
    assert "ne précise pas la date de lancement" in answer.text
    assert "2030" not in answer.text


def test_a_count_of_places_is_not_answered_by_an_amount(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask("Combien de places en apprentissage offre SENS ?")
    assert not answer.answerable
    assert "ne précise pas le nombre de places en apprentissage" in answer.text
    places = indexed_assistant.ask("Combien de places dans le master quantique à Tours ?")
    assert places.answerable and "15 étudiants par an" in places.text


def test_how_to_enrol_asked_as_a_follow_up_is_refused_as_such(
    indexed_assistant: Assistant,
) -> None:
    history = [
        {"role": "user", "content": "Parlez-moi de Cinerg'e-santé."},
        {"role": "assistant", "content": "Cinerg'e-santé est un projet de Limoges. [1]"},
    ]
    answer = indexed_assistant.ask("Et pour s'inscrire ?", history=history)
    assert not answer.answerable
    assert "ne précise pas les modalités et les dates d'inscription" in answer.text


def test_the_others_than_a_programme_named_are_the_ones_listed(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask(
        "À part GENHYO, quels autres projets hydrogène ont été primés lors de la 1re vague ?"
    )
    assert answer.answerable
    assert all(name in answer.text for name in ("COMED", "LMA", "AMHY"))


def test_laureates_asked_in_one_place_are_those_named_there(indexed_assistant: Assistant) -> None:
    answer = indexed_assistant.ask(
        "Parmi les lauréats souveraineté numérique annoncés à VivaTech, lesquels sont à Rennes ?"
    )
    assert "CyberSkills4All" in answer.text and "RIS3" in answer.text
    # A place every laureate of the group shares does not pick a sentence.
    same = indexed_assistant.ask(
        "Quels projets de formation en aéronautique ont été retenus en Occitanie pendant la "
        "saison 2 de l'AMI CMA ?"
    )
    assert all(name in same.text for name in ("eOLE Campus", "C2A", "PEGASE"))
    assert "label d'excellence" not in same.text


def test_a_seat_asked_by_another_name_of_the_carrier_is_found(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask(
        "Le campus des industries navales qui porte FORTEIM a son siège dans quelle ville ?"
    )
    assert answer.answerable and "Brest" in answer.text


def test_two_programmes_asked_who_carries_each_get_each_carrier(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask("Qui porte BATTENA et qui porte GENHYO ?")
    assert "Conseil régional de Nouvelle-Aquitaine" in answer.text
    assert "GENHYO : Il est porté par l'Université fédérale Toulouse" in answer.text


@pytest.mark.slow
def test_one_half_of_a_programme_is_not_answered_with_the_other(
    indexed_assistant: Assistant,
) -> None:
    answer = indexed_assistant.ask("Qui porte le diagnostic DECSO sur l'espace ?")
    assert not answer.answerable
    assert "Aerospace Valley" not in answer.text  # DACSO's carrier
    assert "DACSO" in indexed_assistant.ask("Qui porte DACSO ?").text


@pytest.mark.slow
def test_the_town_of_the_carrier_and_the_courses_named(indexed_assistant: Assistant) -> None:
    town = indexed_assistant.ask(
        "Dans quelle ville se trouve le siège du campus qui porte FORTEIM ?"
    )
    assert "Brest" in town.text
    courses = indexed_assistant.ask(
        "c koi les formations qu'on peut faire a l'EN2R ? je cherche une reconversion dans "
        "le recyclage"
    )
    assert "opérateur de tri manuel" in courses.text


@pytest.mark.slow
def test_a_follow_up_on_continuing_training_gets_its_own_figure(
    indexed_assistant: Assistant,
) -> None:
    history = [
        {
            "role": "user",
            "content": "BATTENA accueille combien d'étudiants par an en formation initiale ?",
        },
        {"role": "assistant", "content": "Environ 2 600 lycéens et étudiants chaque année."},
    ]
    answer = indexed_assistant.ask(
        "Et en formation continue, c'est combien de personnes chaque année ?", history=history
    )
    assert "2 300" in answer.text
    assert "2 600" not in answer.text
