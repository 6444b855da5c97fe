"""The chunk record survives a round trip through Chroma's flat metadata."""

from __future__ import annotations

from assistant.index import ChunkMeta


def test_round_trip_keeps_every_field() -> None:
    meta = ChunkMeta(
        doc_id="electromob",
        doc_title="Electro'Mob",
        doc_url="https://example.org/electromob",
        doc_hash="abc",
        source_path="corpus/electromob.md",
        format="markdown",
        chunk_index=0,
        n_chunks=3,
        heading_path=("Chiffres clés", "Aide de l'État"),
        start=10,
        end=200,
        embed_text="Electro'Mob > Chiffres clés\n…",
        kind="programme",
        short_name="Electro'Mob",
        updated="2026-11-25",
        ami_cma=True,
        regions=("Hauts-de-France",),
        sectors=("batteries", "automobile électrique"),
        front_matter={"id": "electromob", "budget_total_eur": 25000000},
    )
    flat = meta.to_chroma()
    assert flat["heading_path"] == "Chiffres clés > Aide de l'État"
    assert all(isinstance(v, str | int | float | bool | list) for v in flat.values())
    assert ChunkMeta.from_chroma(flat) == meta


def test_empty_lists_and_unknown_values_are_left_out() -> None:
    flat = ChunkMeta(doc_id="d").to_chroma()
    assert "regions" not in flat and "ami_cma" not in flat and "doc_meta" not in flat
    assert flat["doc_url"] == ""
    assert ChunkMeta.from_chroma(flat).doc_url is None


def test_records_of_older_indexes_are_read_with_defaults() -> None:
    meta = ChunkMeta.from_chroma({"doc_id": "remed", "doc_meta": "{not json"})
    assert meta.doc_title == "remed"
    assert meta.front_matter == {}
    assert meta.heading_path == ()
    assert ChunkMeta.from_chroma(None).doc_id == ""
