"""French departments, former regions and more towns, each mapped to its current region.

Facts of the administrative geography (INSEE's official geographic code, 2024): a user
who says « dans les Vosges », « en Gironde », « je suis à Roubaix » or « dans le 59 » is
asking about the region's programmes (plus national ones). Forms are folded (no accents,
lower case). :data:`assistant.catalog.places.CITIES` keeps its own, shorter list of towns;
this module widens what questions can name.
"""

from __future__ import annotations

import re

_ARA = "Auvergne-Rhône-Alpes"
_BFC = "Bourgogne-Franche-Comté"
_BRE = "Bretagne"
_CVL = "Centre-Val de Loire"
_COR = "Corse"
_GES = "Grand Est"
_HDF = "Hauts-de-France"
_IDF = "Île-de-France"
_NOR = "Normandie"
_NAQ = "Nouvelle-Aquitaine"
_OCC = "Occitanie"
_PDL = "Pays de la Loire"
_PAC = "Provence-Alpes-Côte d'Azur"

#: Department name (folded) -> (number, region).
DEPARTMENTS: dict[str, tuple[str, str]] = {
    "ain": ("01", _ARA), "aisne": ("02", _HDF), "allier": ("03", _ARA),
    "alpes-de-haute-provence": ("04", _PAC), "hautes-alpes": ("05", _PAC),
    "alpes-maritimes": ("06", _PAC), "ardeche": ("07", _ARA), "ardennes": ("08", _GES),
    "ariege": ("09", _OCC), "aube": ("10", _GES), "aude": ("11", _OCC),
    "aveyron": ("12", _OCC), "bouches-du-rhone": ("13", _PAC), "calvados": ("14", _NOR),
    "cantal": ("15", _ARA), "charente": ("16", _NAQ), "charente-maritime": ("17", _NAQ),
    "cher": ("18", _CVL), "correze": ("19", _NAQ), "corse-du-sud": ("2A", _COR),
    "haute-corse": ("2B", _COR), "cote-d'or": ("21", _BFC), "cotes-d'armor": ("22", _BRE),
    "creuse": ("23", _NAQ), "dordogne": ("24", _NAQ), "doubs": ("25", _BFC),
    "drome": ("26", _ARA), "eure": ("27", _NOR), "eure-et-loir": ("28", _CVL),
    "finistere": ("29", _BRE), "gard": ("30", _OCC), "haute-garonne": ("31", _OCC),
    "gers": ("32", _OCC), "gironde": ("33", _NAQ), "herault": ("34", _OCC),
    "ille-et-vilaine": ("35", _BRE), "indre": ("36", _CVL), "indre-et-loire": ("37", _CVL),
    "isere": ("38", _ARA), "jura": ("39", _BFC), "landes": ("40", _NAQ),
    "loir-et-cher": ("41", _CVL), "loire": ("42", _ARA), "haute-loire": ("43", _ARA),
    "loire-atlantique": ("44", _PDL), "loiret": ("45", _CVL), "lot": ("46", _OCC),
    "lot-et-garonne": ("47", _NAQ), "lozere": ("48", _OCC), "maine-et-loire": ("49", _PDL),
    "manche": ("50", _NOR), "marne": ("51", _GES), "haute-marne": ("52", _GES),
    "mayenne": ("53", _PDL), "meurthe-et-moselle": ("54", _GES), "meuse": ("55", _GES),
    "morbihan": ("56", _BRE), "moselle": ("57", _GES), "nievre": ("58", _BFC),
    "nord": ("59", _HDF), "oise": ("60", _HDF), "orne": ("61", _NOR),
    "pas-de-calais": ("62", _HDF), "puy-de-dome": ("63", _ARA),
    "pyrenees-atlantiques": ("64", _NAQ), "hautes-pyrenees": ("65", _OCC),
    "pyrenees-orientales": ("66", _OCC), "bas-rhin": ("67", _GES), "haut-rhin": ("68", _GES),
    "rhone": ("69", _ARA), "haute-saone": ("70", _BFC), "saone-et-loire": ("71", _BFC),
    "sarthe": ("72", _PDL), "savoie": ("73", _ARA), "haute-savoie": ("74", _ARA),
    "paris": ("75", _IDF),
    "seine-maritime": ("76", _NOR), "seine-et-marne": ("77", _IDF), "yvelines": ("78", _IDF),
    "deux-sevres": ("79", _NAQ), "somme": ("80", _HDF), "tarn": ("81", _OCC),
    "tarn-et-garonne": ("82", _OCC), "var": ("83", _PAC), "vaucluse": ("84", _PAC),
    "vendee": ("85", _PDL), "vienne": ("86", _NAQ), "haute-vienne": ("87", _NAQ),
    "vosges": ("88", _GES), "yonne": ("89", _BFC), "territoire de belfort": ("90", _BFC),
    "essonne": ("91", _IDF), "hauts-de-seine": ("92", _IDF), "seine-saint-denis": ("93", _IDF),
    "val-de-marne": ("94", _IDF), "val-d'oise": ("95", _IDF),
    "guadeloupe": ("971", "Guadeloupe"), "martinique": ("972", "Martinique"),
    "guyane": ("973", "Guyane"), "la reunion": ("974", "La Réunion"),
    "mayotte": ("976", "Mayotte"),
}  # fmt: skip

#: Department names that are also common words or towns (« quelle somme », « le plus
#: cher », « au nord de Lyon », « Vienne » in Isère): only read as a department after
#: « dans le / dans la / dans l' / dans les », « département du », « en » (not for
#: :data:`_NOT_AFTER_EN`), or before its number (« Nord (59) »); never before « de »
#: (« dans le nord de l'Occitanie »). « Du Nord » is the department too (« les gigafactories
#: du Nord »), not before « de » either, and « de la Vienne », « de l'Aube » with the article.
AMBIGUOUS_DEPARTMENTS = frozenset(
    {"ain", "allier", "aube", "cher", "eure", "gard", "gers", "indre", "landes", "loire",
     "lot", "manche", "marne", "meuse", "nord", "orne", "rhone", "somme", "tarn", "var",
     "vienne", "jura", "aude", "creuse"}
)  # fmt: skip

#: Regions before 2016, and other usual names of a region or part of one.
FORMER_REGIONS: dict[str, str] = {
    "auvergne": _ARA, "bourgogne": _BFC, "franche-comte": _BFC, "champagne-ardenne": _GES,
    "champagne": _GES, "basse-normandie": _NOR, "haute-normandie": _NOR,
    "poitou-charentes": _NAQ, "languedoc-roussillon": _OCC, "cote d'azur": _PAC,
    "cote-d'azur": _PAC, "pays basque": _NAQ, "vallee du rhone": _ARA,
}  # fmt: skip

#: More towns (prefectures, large towns, métropoles' centres) -> region.
TOWNS: dict[str, str] = {
    # Auvergne-Rhône-Alpes
    "villeurbanne": _ARA, "venissieux": _ARA, "valence": _ARA, "bourg-en-bresse": _ARA,
    "annemasse": _ARA, "roanne": _ARA, "vichy": _ARA, "montlucon": _ARA, "aurillac": _ARA,
    "le puy-en-velay": _ARA, "privas": _ARA, "thonon-les-bains": _ARA, "albertville": _ARA,
    "aix-les-bains": _ARA, "villefranche-sur-saone": _ARA, "oyonnax": _ARA,
    "montelimar": _ARA, "romans-sur-isere": _ARA, "cluses": _ARA,
    # Bourgogne-Franche-Comté
    "auxerre": _BFC, "nevers": _BFC, "macon": _BFC, "montbeliard": _BFC,
    "lons-le-saunier": _BFC, "vesoul": _BFC, "le creusot": _BFC, "dole": _BFC,
    "beaune": _BFC,
    # Bretagne
    "saint-malo": _BRE, "lannion": _BRE, "morlaix": _BRE, "pontivy": _BRE,
    "fougeres": _BRE, "concarneau": _BRE, "bruz": _BRE,
    # Centre-Val de Loire
    "chartres": _CVL, "blois": _CVL, "chateauroux": _CVL, "dreux": _CVL, "vierzon": _CVL,
    "montargis": _CVL,
    # Corse
    "porto-vecchio": _COR, "corte": _COR, "calvi": _COR,
    # Grand Est
    "colmar": _GES, "epinal": _GES, "charleville-mezieres": _GES,
    "chalons-en-champagne": _GES, "thionville": _GES, "saint-die-des-vosges": _GES,
    "haguenau": _GES, "forbach": _GES, "sarreguemines": _GES, "verdun": _GES,
    "chaumont": _GES, "saint-dizier": _GES, "luneville": _GES, "epernay": _GES,
    "bar-le-duc": _GES, "sedan": _GES,
    # Hauts-de-France
    "roubaix": _HDF, "tourcoing": _HDF, "villeneuve-d'ascq": _HDF, "boulogne-sur-mer": _HDF,
    "saint-quentin": _HDF, "compiegne": _HDF, "laon": _HDF, "soissons": _HDF,
    "maubeuge": _HDF, "cambrai": _HDF, "bethune": _HDF, "saint-omer": _HDF,
    "armentieres": _HDF, "creil": _HDF, "abbeville": _HDF, "gravelines": _HDF,
    "lomme": _HDF, "lievin": _HDF, "henin-beaumont": _HDF, "wattrelos": _HDF,
    # Île-de-France
    "boulogne-billancourt": _IDF, "montreuil": _IDF, "argenteuil": _IDF, "nanterre": _IDF,
    "creteil": _IDF, "evry": _IDF, "cergy": _IDF, "pontoise": _IDF, "melun": _IDF,
    "massy": _IDF, "palaiseau": _IDF, "orsay": _IDF, "marne-la-vallee": _IDF,
    "la defense": _IDF, "vincennes": _IDF, "ivry-sur-seine": _IDF, "vitry-sur-seine": _IDF,
    "saint-quentin-en-yvelines": _IDF, "bobigny": _IDF, "champs-sur-marne": _IDF,
    # Normandie
    "alencon": _NOR, "saint-lo": _NOR, "lisieux": _NOR, "dieppe": _NOR, "fecamp": _NOR,
    "granville": _NOR, "vernon": _NOR, "louviers": _NOR, "le petit-quevilly": _NOR,
    # Nouvelle-Aquitaine
    "niort": _NAQ, "angouleme": _NAQ, "perigueux": _NAQ, "agen": _NAQ,
    "mont-de-marsan": _NAQ, "brive-la-gaillarde": _NAQ, "brive": _NAQ, "tulle": _NAQ,
    "gueret": _NAQ, "cognac": _NAQ, "biarritz": _NAQ, "rochefort": _NAQ, "arcachon": _NAQ,
    "bergerac": _NAQ, "chatellerault": _NAQ, "dax": _NAQ, "merignac": _NAQ,
    "pessac": _NAQ, "talence": _NAQ, "lacq": _NAQ,
    # Occitanie
    "beziers": _OCC, "narbonne": _OCC, "sete": _OCC, "ales": _OCC, "carcassonne": _OCC,
    "montauban": _OCC, "castres": _OCC, "rodez": _OCC, "cahors": _OCC, "auch": _OCC,
    "foix": _OCC, "mende": _OCC, "lourdes": _OCC, "blagnac": _OCC, "colomiers": _OCC,
    "labege": _OCC,
    # Pays de la Loire
    "la roche-sur-yon": _PDL, "laval": _PDL, "cholet": _PDL, "saumur": _PDL,
    "les sables-d'olonne": _PDL, "saint-herblain": _PDL,
    # Provence-Alpes-Côte d'Azur
    "cannes": _PAC, "antibes": _PAC, "grasse": _PAC, "frejus": _PAC, "arles": _PAC,
    "martigues": _PAC, "istres": _PAC, "la ciotat": _PAC, "gap": _PAC,
    "digne-les-bains": _PAC, "hyeres": _PAC, "sophia antipolis": _PAC,
    "sophia-antipolis": _PAC, "cadarache": _PAC, "manosque": _PAC,
    "salon-de-provence": _PAC, "aubagne": _PAC, "fos-sur-mer": _PAC,
    # Overseas
    "pointe-a-pitre": "Guadeloupe", "basse-terre": "Guadeloupe",
    "fort-de-france": "Martinique", "cayenne": "Guyane", "kourou": "Guyane",
    "saint-laurent-du-maroni": "Guyane", "mamoudzou": "Mayotte",
}  # fmt: skip


#: « en somme », « en manche », « en marne », « en lot », « en nord »: not a department.
_NOT_AFTER_EN = frozenset({"somme", "manche", "marne", "lot", "nord", "var"})


def _alternation(names: list[str]) -> str:
    """``names`` longest first, a hyphen also matching a space (« Haute Garonne »)."""
    forms = sorted(names, key=len, reverse=True)
    return "|".join(re.escape(n).replace(r"\-", "[- ]").replace(r"\ ", "[- ]") for n in forms)


def _department_pattern() -> re.Pattern[str]:
    """Department names as questions write them (see :data:`AMBIGUOUS_DEPARTMENTS`)."""
    plain = _alternation([d for d in DEPARTMENTS if d not in AMBIGUOUS_DEPARTMENTS])
    ambiguous = _alternation(sorted(AMBIGUOUS_DEPARTMENTS))
    after_en = _alternation(sorted(AMBIGUOUS_DEPARTMENTS - _NOT_AFTER_EN))
    numbers = "|".join(sorted({n.lower() for n, _ in DEPARTMENTS.values()}, key=len, reverse=True))
    not_of = r"(?![\w-])(?!\s+(?:de|du|des|d')\b)"
    return re.compile(
        rf"(?<![\w-])(?P<plain>{plain})(?![\w-])"
        rf"|\b(?:dans (?:le |la |les |l')|departement (?:du |de la |de l'|des |de )|du (?=nord\b)|"
        # « une PME de la Vienne »: with its article, the department (a town has none).
        rf"(?<!pays )de la (?=(?:vienne|somme|creuse|meuse|marne)\b)|"
        rf"de l'(?=(?:ain|allier|aube|eure|indre|orne|aude)\b))"
        rf"(?P<ambiguous>{ambiguous}){not_of}"
        rf"|\ben (?P<after_en>{after_en}){not_of}"
        rf"|(?<![\w-])(?P<numbered>{ambiguous}) \((?:{numbers})\)"
        rf"|\b(?:dans le|departement(?: du| de la| de l'| des)?|dept\.?) (?P<number>{numbers})\b"
    )


_DEPARTMENT = _department_pattern()
_BY_NUMBER = {n.lower(): region for n, region in DEPARTMENTS.values()}
#: Department names with hyphens and spaces alike (« haute garonne » -> « haute-garonne »).
_BY_FORM = {re.sub(r"[- ]", " ", name): name for name in DEPARTMENTS}


def department_regions(folded: str) -> list[str]:
    """Regions of the departments named in ``folded`` text (« dans les Vosges » -> Grand Est;
    « dans le 59 » -> Hauts-de-France; « quelle somme ? » names no department)."""
    found: list[str] = []
    for match in _DEPARTMENT.finditer(folded):
        name = next(
            (
                match.group(g)
                for g in ("plain", "ambiguous", "after_en", "numbered")
                if match.group(g)
            ),
            None,
        )
        key = _BY_FORM[re.sub(r"[- ]", " ", name)] if name else None
        region = DEPARTMENTS[key][1] if key else _BY_NUMBER[match.group("number")]
        if region not in found:
            found.append(region)
    return found


def former_regions(folded: str) -> list[str]:
    """Current regions of the former or usual region names in ``folded`` text."""
    return [
        region
        for name, region in FORMER_REGIONS.items()
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", folded)
    ]


def place_names(folded: str) -> list[str]:
    """Department and former region names written in ``folded`` text."""
    names = [m.group(0) for m in _DEPARTMENT.finditer(folded)]
    names += [n for n in FORMER_REGIONS if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", folded)]
    return names
