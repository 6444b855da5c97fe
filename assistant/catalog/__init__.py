"""The structured catalogue of programmes, built from the documents' front matter.

« Which programmes in Occitanie? », « how many…? », « compare… » are answered by
filtering these records, not by hoping the right chunks were retrieved. The catalogue
also recognises programmes, regions, towns and sectors named in a question.
"""

from assistant.catalog.describe import says_diagnostic, with_towns
from assistant.catalog.filters import resolve_filters
from assistant.catalog.lookup import Catalog
from assistant.catalog.places import CITIES, REGIONS, SECTOR_HINTS, in_region
from assistant.catalog.records import ProgrammeRecord

__all__ = [
    "CITIES",
    "REGIONS",
    "SECTOR_HINTS",
    "Catalog",
    "ProgrammeRecord",
    "in_region",
    "resolve_filters",
    "says_diagnostic",
    "with_towns",
]
