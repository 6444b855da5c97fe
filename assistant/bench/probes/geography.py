"""Regions and cities shared by the false-premise and place-listing probes."""

from __future__ import annotations

from assistant.bench.probes.records import _fold

#: Regions and how to say "in" them.
REGION_IN: dict[str, str] = {
    "Auvergne-Rhône-Alpes": "en Auvergne-Rhône-Alpes",
    "Bourgogne-Franche-Comté": "en Bourgogne-Franche-Comté",
    "Bretagne": "en Bretagne",
    "Centre-Val de Loire": "en Centre-Val de Loire",
    "Corse": "en Corse",
    "Grand Est": "dans le Grand Est",
    "Hauts-de-France": "dans les Hauts-de-France",
    "Île-de-France": "en Île-de-France",
    "Normandie": "en Normandie",
    "Nouvelle-Aquitaine": "en Nouvelle-Aquitaine",
    "Occitanie": "en Occitanie",
    "Pays de la Loire": "dans les Pays de la Loire",
    "Provence-Alpes-Côte d'Azur": "en Provence-Alpes-Côte d'Azur",
    "La Réunion": "à La Réunion",
}

#: Big French cities and their region (many are named by no document).
CITY_REGIONS: dict[str, str] = {
    "Lyon": "Auvergne-Rhône-Alpes",
    "Grenoble": "Auvergne-Rhône-Alpes",
    "Saint-Étienne": "Auvergne-Rhône-Alpes",
    "Clermont-Ferrand": "Auvergne-Rhône-Alpes",
    "Annecy": "Auvergne-Rhône-Alpes",
    "Dijon": "Bourgogne-Franche-Comté",
    "Besançon": "Bourgogne-Franche-Comté",
    "Belfort": "Bourgogne-Franche-Comté",
    "Rennes": "Bretagne",
    "Brest": "Bretagne",
    "Quimper": "Bretagne",
    "Lorient": "Bretagne",
    "Orléans": "Centre-Val de Loire",
    "Tours": "Centre-Val de Loire",
    "Bourges": "Centre-Val de Loire",
    "Ajaccio": "Corse",
    "Strasbourg": "Grand Est",
    "Metz": "Grand Est",
    "Nancy": "Grand Est",
    "Reims": "Grand Est",
    "Mulhouse": "Grand Est",
    "Lille": "Hauts-de-France",
    "Amiens": "Hauts-de-France",
    "Roubaix": "Hauts-de-France",
    "Valenciennes": "Hauts-de-France",
    "Paris": "Île-de-France",
    "Versailles": "Île-de-France",
    "Saint-Denis": "Île-de-France",
    "Caen": "Normandie",
    "Rouen": "Normandie",
    "Le Havre": "Normandie",
    "Cherbourg": "Normandie",
    "Bordeaux": "Nouvelle-Aquitaine",
    "Poitiers": "Nouvelle-Aquitaine",
    "Limoges": "Nouvelle-Aquitaine",
    "La Rochelle": "Nouvelle-Aquitaine",
    "Pau": "Nouvelle-Aquitaine",
    "Toulouse": "Occitanie",
    "Montpellier": "Occitanie",
    "Nîmes": "Occitanie",
    "Perpignan": "Occitanie",
    "Nantes": "Pays de la Loire",
    "Angers": "Pays de la Loire",
    "Le Mans": "Pays de la Loire",
    "Saint-Nazaire": "Pays de la Loire",
    "Marseille": "Provence-Alpes-Côte d'Azur",
    "Nice": "Provence-Alpes-Côte d'Azur",
    "Toulon": "Provence-Alpes-Côte d'Azur",
    "Avignon": "Provence-Alpes-Côte d'Azur",
}


def _a_city(city: str) -> str:
    """``à`` + a city name (``au Mans``, ``à La Rochelle``)."""
    return "au " + city[3:] if city.startswith("Le ") else "à " + city


def _de_city(city: str) -> str:
    """``de`` + a city name (``du Havre``, ``d'Orléans``, ``de Lyon``)."""
    if city.startswith("Le "):
        return "du " + city[3:]
    return ("d'" if _fold(city[0]) in "aeiouy" else "de ") + city
