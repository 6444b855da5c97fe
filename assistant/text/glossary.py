"""Domain glossary: acronyms and synonyms used to expand queries.

A query mentioning « CMQ » is also searched as « campus des métiers et des
qualifications », and the other way round, so that lexical retrieval finds documents
whichever form they use.
"""

from __future__ import annotations

import re

from assistant.text.folding import fold

#: Each entry is a group of equivalent forms (acronym first when there is one).
GLOSSARY: tuple[tuple[str, ...], ...] = (
    ("AMI", "appel à manifestation d'intérêt"),
    ("CMA", "compétences et métiers d'avenir"),
    ("CMQ", "campus des métiers et des qualifications"),
    ("OPCO", "opérateur de compétences"),
    ("CFA", "centre de formation d'apprentis", "apprentissage"),
    ("bac pro", "baccalauréat professionnel"),
    ("BTS", "brevet de technicien supérieur"),
    ("BUT", "bachelor universitaire de technologie"),
    ("CAP", "certificat d'aptitude professionnelle"),
    ("France Travail", "Pôle emploi"),
    ("gigafactory", "gigafactories", "usine de batteries"),
    ("SGPI", "Secrétariat général pour l'investissement"),
    ("ANR", "Agence nationale de la recherche"),
    ("CDC", "Caisse des dépôts", "Banque des Territoires"),
    ("BPI", "Bpifrance"),
    ("ADEME", "Agence de la transition écologique"),
    ("EnR", "énergies renouvelables"),
    ("SMR", "petits réacteurs modulaires"),
    ("IA", "intelligence artificielle"),
    ("cyber", "cybersécurité", "sécurité informatique"),
    ("H2", "hydrogène"),
    ("VE", "véhicule électrique", "voiture électrique", "automobile électrique"),
    ("ICC", "industries culturelles et créatives"),
    ("STIM", "sciences, technologie, ingénierie et mathématiques"),
    ("GIP", "groupement d'intérêt public"),
    ("DGER", "direction générale de l'enseignement et de la recherche"),
    ("RV", "réalité virtuelle", "immersif"),
    ("AURA", "Auvergne-Rhône-Alpes"),
    ("PACA", "Provence-Alpes-Côte d'Azur"),
    ("IDF", "Île-de-France"),
    ("BFC", "Bourgogne-Franche-Comté"),
    ("aide de l'État", "subvention", "financement public", "soutien de l'État"),
    ("budget", "coût total", "montant total"),
    ("lycée professionnel", "voie professionnelle"),
    ("sensibiliser", "sensibilisation", "découverte des métiers", "faire découvrir"),
    ("embauches", "recrutements", "emplois à pourvoir"),
    ("professeurs", "enseignants", "profs"),
    ("promotion", "promo"),
    ("démarré", "lancé", "lancement", "inauguré"),
    ("accumulateurs", "batteries"),
    ("apprentissage automatique", "intelligence artificielle"),
    ("rail", "ferroviaire"),
    ("dioxyde de carbone", "CO2", "émissions"),
    ("avionneur", "aéronautique", "Airbus"),
    ("molécules", "chimie"),
    ("e-santé", "santé numérique", "numérique en santé"),
    ("alternance", "apprentissage"),
    ("demandeur d'emploi", "chômeur", "reconversion"),
    ("médias", "radio", "télévision", "podcasts", "presse"),
    ("azuréen", "azuréenne", "Côte d'Azur"),
    ("trophées", "prix", "récompenses", "distinctions"),
)


def _pattern(form: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(fold(form))}(?![\w-])")


_COMPILED: tuple[tuple[tuple[str, re.Pattern[str]], ...], ...] = tuple(
    tuple((form, _pattern(form)) for form in group) for group in GLOSSARY
)


def expansions(query: str) -> list[str]:
    """Equivalent forms of the glossary terms found in ``query`` (not already in it)."""
    folded = fold(query)
    extra: list[str] = []
    for group in _COMPILED:
        if any(pattern.search(folded) for _, pattern in group):
            extra.extend(form for form, pattern in group if not pattern.search(folded))
    return extra


def expand_query(query: str) -> str:
    """``query`` followed by the equivalent forms of its glossary terms."""
    extra = expansions(query)
    return f"{query} ({'; '.join(extra)})" if extra else query
