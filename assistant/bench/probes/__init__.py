"""Generated probe sets: questions the answer pipeline was never tuned on.

Every generator is deterministic (choices come from a hash of stable keys, never from a
random state) and reads only the Markdown corpus (PyYAML + pathlib, independent of
:mod:`assistant.ingest.documents`) and the vendored Service-Public benchmark in ``corpus/qa/spf``.

- :func:`generate_missing_attribute`: in-domain questions about a programme that its
  document (and every other document naming it) does not answer: must be refused.
- :func:`generate_off_domain`: Service-Public questions and everyday off-topic questions,
  asked of the France 2030 corpus: must be refused.
- :func:`generate_reverse_off_domain`: France 2030 questions asked of the Service-Public
  collection: must be refused.
- :func:`generate_missing_document`: Service-Public questions asked of that collection
  minus the fiche that answers them (``removed``): must be refused.
- :func:`generate_false_premise`: a single-region programme placed in another region: the
  answer must correct the premise and name the real region.
- :func:`generate_place_listing` and :func:`generate_superlatives`: answerable questions
  built from the front matter (programmes of a city's region, rankings by amount).

``python -m assistant.bench.probes --out corpus/qa/probes`` rewrites every file.

Modules: ``records`` (corpus records, shared helpers), ``attributes``, ``service_public``,
``geography`` (regions and cities), ``premises``, ``places``, ``superlatives`` and
``writer`` (:func:`generate_all`, :func:`write_all`, :func:`main`).
"""

from assistant.bench.probes.attributes import (
    ATTRIBUTES,
    Attribute,
    attribute_evidence,
    generate_missing_attribute,
)
from assistant.bench.probes.geography import CITY_REGIONS
from assistant.bench.probes.places import generate_place_listing
from assistant.bench.probes.premises import generate_false_premise
from assistant.bench.probes.records import PLACE_KINDS, evidence_text, load_records
from assistant.bench.probes.service_public import (
    HANDWRITTEN_OFF_DOMAIN,
    SPF_RELATED_FICHES,
    generate_missing_document,
    generate_off_domain,
    generate_reverse_off_domain,
    load_spf,
)
from assistant.bench.probes.superlatives import generate_superlatives
from assistant.bench.probes.writer import dumps_jsonl, generate_all, main, write_all

__all__ = [
    "ATTRIBUTES",
    "CITY_REGIONS",
    "HANDWRITTEN_OFF_DOMAIN",
    "PLACE_KINDS",
    "SPF_RELATED_FICHES",
    "Attribute",
    "attribute_evidence",
    "dumps_jsonl",
    "evidence_text",
    "generate_all",
    "generate_false_premise",
    "generate_missing_attribute",
    "generate_missing_document",
    "generate_off_domain",
    "generate_place_listing",
    "generate_reverse_off_domain",
    "generate_superlatives",
    "load_records",
    "load_spf",
    "main",
    "write_all",
]
