"""Model files: the offline e5 rebuild, its ONNX exports (fp32, and int8 for questions) and
its tokenizer copy, on disk.

Nothing heavy is imported here: torch, transformers and sentencepiece load only when a
model is built or exported.
"""

from assistant.models.build import E5_FOLDER_NAME, ensure_model, rebuild_model
from assistant.models.files import is_complete, model_lock, read_build_info, sha256_file
from assistant.models.onnx_export import ensure_onnx, export_onnx, onnx_model_path
from assistant.models.quantize import ensure_query_graph, query_model_path
from assistant.models.tokenizer import SpmTokenizer, ensure_spm, spm_path

__all__ = [
    "E5_FOLDER_NAME",
    "SpmTokenizer",
    "ensure_model",
    "ensure_onnx",
    "ensure_query_graph",
    "ensure_spm",
    "export_onnx",
    "is_complete",
    "model_lock",
    "onnx_model_path",
    "query_model_path",
    "read_build_info",
    "rebuild_model",
    "sha256_file",
    "spm_path",
]
