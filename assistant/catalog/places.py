"""Where programmes are: regions and their usual names, towns and demonyms, how French says
« in <region> », and the question words that point at a sector label."""

from __future__ import annotations

REGIONS: dict[str, tuple[str, ...]] = {
    "Auvergne-Rhône-Alpes": ("auvergne-rhone-alpes", "auvergne rhone alpes", "aura", "rhone-alpes"),
    "Bourgogne-Franche-Comté": ("bourgogne-franche-comte", "bourgogne franche comte", "bfc"),
    "Bretagne": ("bretagne",),
    "Centre-Val de Loire": ("centre-val de loire", "centre val de loire"),
    "Corse": ("corse",),
    "Grand Est": ("grand est", "grand-est", "alsace", "lorraine"),
    "Hauts-de-France": (
        "hauts-de-france",
        "hauts de france",
        "nord-pas-de-calais",
        "picardie",
        "hdf",
    ),
    "Île-de-France": ("ile-de-france", "ile de france", "idf", "region parisienne"),
    "Normandie": ("normandie",),
    "Nouvelle-Aquitaine": ("nouvelle-aquitaine", "nouvelle aquitaine", "aquitaine", "limousin"),
    "Occitanie": ("occitanie", "midi-pyrenees", "languedoc"),
    "Pays de la Loire": ("pays de la loire", "pays-de-la-loire"),
    "Provence-Alpes-Côte d'Azur": ("provence-alpes-cote d'azur", "paca", "region sud", "provence"),
    "Guadeloupe": ("guadeloupe",),
    "Martinique": ("martinique",),
    "Guyane": ("guyane",),
    "La Réunion": ("la reunion", "reunion"),
    "Mayotte": ("mayotte",),
}

#: How French says « in <region> »: « en Bretagne » but « dans les Hauts-de-France ».
_IN_REGION: dict[str, str] = {
    "Grand Est": "dans le Grand Est",
    "Hauts-de-France": "dans les Hauts-de-France",
    "Pays de la Loire": "dans les Pays de la Loire",
    "Centre-Val de Loire": "en Centre-Val de Loire",
    "La Réunion": "à La Réunion",
    "Mayotte": "à Mayotte",
    "national": "au niveau national",
}


def in_region(region: str) -> str:
    """« en Bretagne », « dans les Hauts-de-France », « à La Réunion »."""
    return _IN_REGION.get(region, f"en {region}")


#: Demonyms and their regions, as people say « le projet toulousain » or « normand »: a
#: word describing a programme by its place, never a town a figure is asked for alone.
DEMONYM_REGIONS: dict[str, str] = {
    "toulousain": "Occitanie", "toulousaine": "Occitanie", "montpellierain": "Occitanie",
    "occitan": "Occitanie", "occitane": "Occitanie", "lyonnais": "Auvergne-Rhône-Alpes",
    "lyonnaise": "Auvergne-Rhône-Alpes", "grenoblois": "Auvergne-Rhône-Alpes",
    "grenobloise": "Auvergne-Rhône-Alpes", "auvergnat": "Auvergne-Rhône-Alpes",
    "lillois": "Hauts-de-France", "lilloise": "Hauts-de-France", "nordiste": "Hauts-de-France",
    "dunkerquois": "Hauts-de-France", "picard": "Hauts-de-France",
    "bordelais": "Nouvelle-Aquitaine", "bordelaise": "Nouvelle-Aquitaine",
    "poitevin": "Nouvelle-Aquitaine", "poitevine": "Nouvelle-Aquitaine",
    "limougeaud": "Nouvelle-Aquitaine", "neo-aquitain": "Nouvelle-Aquitaine",
    "neo-aquitaine": "Nouvelle-Aquitaine", "nantais": "Pays de la Loire",
    "ligerien": "Pays de la Loire", "rennais": "Bretagne", "breton": "Bretagne",
    "bretonne": "Bretagne", "brestois": "Bretagne", "strasbourgeois": "Grand Est",
    "alsacien": "Grand Est", "lorrain": "Grand Est", "nanceien": "Grand Est",
    "normand": "Normandie", "normande": "Normandie", "caennais": "Normandie",
    "rouennais": "Normandie", "marseillais": "Provence-Alpes-Côte d'Azur",
    "nicois": "Provence-Alpes-Côte d'Azur", "provencal": "Provence-Alpes-Côte d'Azur",
    "azureen": "Provence-Alpes-Côte d'Azur", "parisien": "Île-de-France",
    "parisienne": "Île-de-France", "francilien": "Île-de-France",
    "francilienne": "Île-de-France", "bourguignon": "Bourgogne-Franche-Comté",
    "dijonnais": "Bourgogne-Franche-Comté", "franc-comtois": "Bourgogne-Franche-Comté",
    "tourangeau": "Centre-Val de Loire", "tourangelle": "Centre-Val de Loire",
    "orleanais": "Centre-Val de Loire",
}  # fmt: skip

#: Large towns and their regions, for « je suis à … » questions (corpus towns are added).
CITIES: dict[str, str] = {
    "paris": "Île-de-France", "saclay": "Île-de-France", "versailles": "Île-de-France",
    "lyon": "Auvergne-Rhône-Alpes", "grenoble": "Auvergne-Rhône-Alpes",
    "saint-etienne": "Auvergne-Rhône-Alpes", "clermont-ferrand": "Auvergne-Rhône-Alpes",
    "annecy": "Auvergne-Rhône-Alpes", "chambery": "Auvergne-Rhône-Alpes",
    "marseille": "Provence-Alpes-Côte d'Azur", "nice": "Provence-Alpes-Côte d'Azur",
    "toulon": "Provence-Alpes-Côte d'Azur", "aix-en-provence": "Provence-Alpes-Côte d'Azur",
    "gardanne": "Provence-Alpes-Côte d'Azur", "avignon": "Provence-Alpes-Côte d'Azur",
    "toulouse": "Occitanie", "montpellier": "Occitanie", "nimes": "Occitanie",
    "perpignan": "Occitanie", "albi": "Occitanie", "tarbes": "Occitanie",
    "lille": "Hauts-de-France", "dunkerque": "Hauts-de-France", "amiens": "Hauts-de-France",
    "douai": "Hauts-de-France", "valenciennes": "Hauts-de-France", "calais": "Hauts-de-France",
    "arras": "Hauts-de-France", "lens": "Hauts-de-France", "beauvais": "Hauts-de-France",
    "bordeaux": "Nouvelle-Aquitaine", "limoges": "Nouvelle-Aquitaine",
    "poitiers": "Nouvelle-Aquitaine", "la rochelle": "Nouvelle-Aquitaine",
    "pau": "Nouvelle-Aquitaine", "bayonne": "Nouvelle-Aquitaine", "saintes": "Nouvelle-Aquitaine",
    "nantes": "Pays de la Loire", "angers": "Pays de la Loire", "le mans": "Pays de la Loire",
    "saint-nazaire": "Pays de la Loire",
    "rennes": "Bretagne", "brest": "Bretagne", "lorient": "Bretagne", "vannes": "Bretagne",
    "quimper": "Bretagne", "saint-brieuc": "Bretagne",
    "strasbourg": "Grand Est", "nancy": "Grand Est", "metz": "Grand Est", "reims": "Grand Est",
    "mulhouse": "Grand Est", "troyes": "Grand Est",
    "caen": "Normandie", "rouen": "Normandie", "le havre": "Normandie",
    "cherbourg": "Normandie", "flamanville": "Normandie", "evreux": "Normandie",
    "dijon": "Bourgogne-Franche-Comté", "besancon": "Bourgogne-Franche-Comté",
    "belfort": "Bourgogne-Franche-Comté", "chalon-sur-saone": "Bourgogne-Franche-Comté",
    "tours": "Centre-Val de Loire", "orleans": "Centre-Val de Loire", "bourges": "Centre-Val de Loire",
    "ajaccio": "Corse", "bastia": "Corse",
    **DEMONYM_REGIONS,
}  # fmt: skip

#: Town demonyms (folded, masculine singular) and their towns, for « le projet toulousain »
#: describing a programme of Toulouse; :data:`CITIES` maps the same words to a region.
DEMONYMS: dict[str, str] = {
    "toulousain": "toulouse", "strasbourgeois": "strasbourg", "lyonnais": "lyon",
    "grenoblois": "grenoble", "lillois": "lille", "bordelais": "bordeaux", "poitevin": "poitiers",
    "limougeaud": "limoges", "nantais": "nantes", "rennais": "rennes", "brestois": "brest",
    "caennais": "caen", "rouennais": "rouen", "dijonnais": "dijon", "bisontin": "besancon",
    "tourangeau": "tours", "tourangelle": "tours", "nanceien": "nancy",
    "dunkerquois": "dunkerque", "parisien": "paris",
    "montpellierain": "montpellier", "palois": "pau", "havrais": "le havre",
    "marseillais": "marseille", "nicois": "nice", "villeurbannais": "villeurbanne",
    "saintais": "saintes", "montbeliardais": "montbeliard", "gardannais": "gardanne",
    "chamberien": "chambery", "douaisien": "douai", "manceau": "le mans",
}  # fmt: skip


#: Question words that point at a sector label (folded forms -> words found in labels).
SECTOR_HINTS: dict[str, tuple[str, ...]] = {
    "batter": ("batter",), "gigafactor": ("batter",), "cyber": ("cyber",), "hacker": ("cyber",),
    "nucleair": ("nucleaire",), "atome": ("nucleaire",), "hydrogen": ("hydrogene",),
    "h2": ("hydrogene",), "spatial": ("spatial",), "espace": ("spatial",),
    "satellit": ("spatial",), "recycl": ("recyclage",), "dechet": ("recyclage",),
    "chimi": ("chimie",), "sante": ("sante",), "medic": ("sante", "biomedicament"),
    "biomedicament": ("biomedicament",), "ia": ("intelligence artificielle",),
    "intelligence artificielle": ("intelligence artificielle",),
    "apprentissage automatique": ("intelligence artificielle",),
    "machine learning": ("intelligence artificielle",), "jeu video": ("jeu video",),
    "jeux video": ("jeu video",), "ferroviaire": ("ferroviaire",), "train": ("ferroviaire",), "rail": ("ferroviaire",),
    "naval": ("naval", "maritime"), "mer": ("maritime", "naval"), "automobile": ("automobile",),
    "voiture": ("automobile",), "vehicule": ("automobile", "vehicule"),
    "mobilite": ("mobilite",), "aeronaut": ("aeronautique",), "avion": ("aeronautique",),
    "decarbon": ("decarbonation",), "numerique": ("numerique",),
    "electroni": ("electronique",), "puce": ("electronique", "microelectronique"),
    "semi-conducteur": ("electronique", "microelectronique"),
    "semiconducteur": ("electronique", "microelectronique"), "agricol": ("agricole", "agriculture"),
    "agricult": ("agricole", "agriculture"), "immersi": ("immersif",),
    "realite virtuelle": ("immersif", "realite virtuelle"), "cloud": ("cloud",),
    "5g": ("5g", "telecommunications"), "bioproduction": ("bioproduction",),
    "biotech": ("biotechnolog",),
    "energie": ("energie",), "sante numerique": ("sante numerique",),
    "numerique en sante": ("sante numerique",), "numerique de sante": ("sante numerique",),
    "numerique de la sante": ("sante numerique",), "e-sante": ("sante numerique",),
}  # fmt: skip
