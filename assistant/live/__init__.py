"""The live index: answers follow `assistant index` without a restart.

:class:`Snapshot` (everything built from one index version) and :class:`LiveIndex` (the
current snapshot, replaced in the background when the index version moves), and the
optional :class:`AnswerCache` (answers keyed by index version, question, history, filters).
"""

from assistant.live.cache import AnswerCache, CacheKey
from assistant.live.snapshot import Snapshot, load_snapshot
from assistant.live.watcher import LiveIndex

__all__ = ["AnswerCache", "CacheKey", "LiveIndex", "Snapshot", "load_snapshot"]
