"""Missing-document negatives for fitting: what is left out with a question's own fiche."""

from __future__ import annotations

from assistant.bench.missing_documents import Exclusions

FICHES = {
    "leasing-fin": "Leasing : à la fin du contrat de crédit-bail, rachetez le véhicule "
    "ou rendez-le au bailleur.",
    "leasing-rachat": "Racheter un véhicule en leasing avant la fin du contrat de crédit-bail "
    "est possible avec l'accord du bailleur.",
    "carte-grise": "Après le rachat du véhicule, la carte grise est à votre nom : "
    "comptez un mois pour la démarche.",
    "passeport": "Le passeport d'un majeur se demande en mairie, sur rendez-vous.",
    "impots": "La déclaration de revenus se fait en ligne au printemps.",
    "naissance": "La naissance se déclare à la mairie dans les cinq jours.",
}


def test_a_question_is_left_without_its_fiche_and_its_nearest_ones() -> None:
    exclusions = Exclusions(FICHES, similar=1)
    left_out = exclusions.for_question(["leasing-fin"], answers=[])
    assert "leasing-fin" in left_out
    assert "leasing-rachat" in left_out  # the fiche most like it would answer it too
    assert "impots" not in left_out and "naissance" not in left_out


def test_a_fiche_holding_the_answer_is_left_out_too() -> None:
    exclusions = Exclusions(FICHES, similar=1)
    left_out = exclusions.for_question(["leasing-fin"], answers=["comptez un mois"])
    assert "carte-grise" in left_out  # holds the gold answer, whatever its words
    assert "passeport" not in left_out


def test_short_answers_are_not_looked_for() -> None:
    # « mairie » is in several fiches by chance; a gold answer that short proves nothing.
    exclusions = Exclusions(FICHES, similar=0)
    assert exclusions.for_question(["passeport"], answers=["mairie"]) == ["passeport"]
