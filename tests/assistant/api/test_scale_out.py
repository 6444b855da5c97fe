"""Three API replicas sharing one Chroma server, one PostgreSQL database and one Redis.

Everything runs on loopback and is started and stopped by this module, in temporary
folders: PostgreSQL (``initdb``/``pg_ctl``), ``redis-server``, ``chroma run``, a few corpus
documents indexed into it, then three ``assistant serve`` *processes* (one worker each,
their own port and data folder), as a load balancer would see them. Uvicorn's ``--workers
N`` runs the same application in N processes of one machine; separate processes prove the
same thing for separate machines. Requests carry ``X-Forwarded-For`` as a load balancer on
127.0.0.1 would (``FORWARDED_ALLOW_IPS``), so each simulated user has their own IP.

The tests run in file order on one set of servers: the last one kills a replica.
"""

from __future__ import annotations

import itertools
import shutil
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from _helpers import LIVE_QUESTION, ROOT, live_version_of, write_live_corpus

from assistant.bench.servers import Stack, postgres_server, redis_server, stack
from assistant.feedback import FeedbackStore
from assistant.feedback.database import forget_engine
from assistant.feedback.report import Period, question_rows

pytestmark = [pytest.mark.server, pytest.mark.slow]

REPLICAS = 3
LIMIT_PER_MINUTE = 6
#: One question per replica, each about one of the indexed corpus documents.
QUESTIONS = {
    "3nc": "Quel est le budget global de 3NC et sur quelle période s'étale-t-il ?",
    "battena": "Quel est le budget total de BATTENA ?",
    "osmose": "Combien de partenaires compte le projet OSMOSE ?",
}
#: How long every replica may take to serve a new index version (1.5 s polling + loading,
#: three replicas loading at once on a 2-core machine).
SWITCH_DEADLINE_S = 20.0
_ips = itertools.count(1)


def new_user() -> dict[str, str]:
    """The header a load balancer adds for a user never seen before (one IP per user)."""
    n = next(_ips)
    return {"x-forwarded-for": f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"}


@dataclass
class Cluster:
    """The running set-up: the stack (Chroma + replicas), its corpus and database URL."""

    stack: Stack
    corpus: Path
    database_url: str
    started: datetime

    def ask(self, replica: int, question: str, headers: dict[str, str]) -> httpx.Response:
        url = self.stack.api_urls[replica]
        return httpx.post(
            f"{url}/v1/chat", json={"question": question}, headers=headers, timeout=120,
            trust_env=False,
        )  # fmt: skip

    def health(self, replica: int) -> dict[str, Any]:
        url = self.stack.api_urls[replica]
        response = httpx.get(f"{url}/v1/health", timeout=30, trust_env=False)
        response.raise_for_status()
        return dict(response.json())

    def logged(self) -> list[dict[str, Any]]:
        """Every line of the shared question log since the cluster started."""
        store = FeedbackStore(self.database_url)
        period = Period(self.started, datetime.now(UTC) + timedelta(minutes=1))
        return question_rows(store.engine, period)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    if shutil.which("redis-server") is None or shutil.which("pg_ctl") is None:
        pytest.skip("redis-server or PostgreSQL is not installed (make engines)")
    work = tmp_path_factory.mktemp("scale-out")
    corpus = work / "corpus"
    write_live_corpus(corpus, 1)  # Alpha and Beta: the fact that changes in the re-index
    for doc in QUESTIONS:
        shutil.copy(ROOT / "corpus" / f"{doc}.md", corpus / f"{doc}.md")
    with (
        postgres_server() as database_url,
        redis_server(work / "redis") as redis_url,
        stack(
            work / "stack",
            workers=1,
            corpus=corpus,
            replicas=REPLICAS,
            settings={
                "ASSISTANT_DATABASE_URL": database_url,
                "ASSISTANT_REDIS_URL": redis_url,
                "ASSISTANT_RATE_LIMIT_PER_MINUTE": str(LIMIT_PER_MINUTE),
                "FORWARDED_ALLOW_IPS": "127.0.0.1",  # the « load balancer »: this test
            },
        ) as running,
    ):
        try:
            yield Cluster(running, corpus, database_url, datetime.now(UTC) - timedelta(minutes=5))
        finally:
            forget_engine(database_url)


@pytest.mark.timeout(420)  # includes starting the servers (about 1-2 min on 2 cores)
def test_rate_limit_is_shared_by_the_replicas(cluster: Cluster) -> None:
    for replica in range(REPLICAS):
        assert cluster.health(replica)["rate_limits"] == {"storage": "redis", "degraded": False}
    user = new_user()
    responses = [cluster.ask(i % REPLICAS, QUESTIONS["battena"], user) for i in range(3 * REPLICAS)]
    # Counted once for the three processes: each alone would have accepted its 3 requests.
    assert [r.status_code for r in responses] == [200] * LIMIT_PER_MINUTE + [429] * 3
    for refused in responses[LIMIT_PER_MINUTE:]:
        error = refused.json()["error"]
        assert error["code"] == "rate_limited"
        assert error["message"].startswith("Trop de questions en peu de temps")
        assert 1 <= int(refused.headers["retry-after"]) <= 60
    # Another user is not affected.
    assert cluster.ask(0, QUESTIONS["battena"], new_user()).status_code == 200


@pytest.mark.timeout(120)
def test_feedback_and_question_log_land_in_one_database(cluster: Cluster) -> None:
    answers: dict[str, tuple[int, str]] = {}  # answer_id -> (replica, question)
    for replica, (doc, question) in enumerate(QUESTIONS.items()):
        user = new_user()
        response = cluster.ask(replica, question, user)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["answerable"] and doc in {c["id"] for c in body["citations"]}
        answers[body["answer_id"]] = (replica, question)
        rated = httpx.post(
            f"{cluster.stack.api_urls[replica]}/v1/feedback",
            json={"answer_id": body["answer_id"], "rating": -1, "reason": "incomplet",
                  "comment": f"réplique {replica}"},
            headers=user, timeout=30, trust_env=False,
        )  # fmt: skip
        assert rated.status_code == 201, rated.text
        assert rated.json()["message"] == "Merci pour votre avis."

    store = FeedbackStore(cluster.database_url)
    for answer_id, (replica, _) in answers.items():
        row = store.get(answer_id)
        assert row is not None, f"feedback given to replica {replica} is missing"
        assert (row.rating, row.reason, row.comment) == (-1, "incomplet", f"réplique {replica}")

    # The question log is written off the request path: wait for each writer thread.
    deadline = time.monotonic() + 30
    while True:
        logged = {row["answer_id"]: row for row in cluster.logged()}
        if set(answers) <= set(logged) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    for answer_id, (replica, question) in answers.items():
        assert answer_id in logged, f"replica {replica}'s question is not in the log"
        assert logged[answer_id]["question"] == question
    for replica in range(REPLICAS):
        assert cluster.health(replica)["question_log"]["dropped"] == 0
    # A replica keeps no data of its own: no database, no index. At most its cache of the
    # lexical snapshot (derived/, rebuilt from the Chroma server whenever it is missing).
    kept = [
        path.relative_to(server.data_dir)
        for server in cluster.stack.servers
        if server.data_dir.exists()
        for path in server.data_dir.iterdir()
    ]
    assert {str(path) for path in kept} <= {"derived"}, kept


@pytest.mark.timeout(180)
def test_reindex_is_seen_by_every_replica(cluster: Cluster) -> None:
    before = {cluster.health(i)["index_version"] for i in range(REPLICAS)}
    assert len(before) == 1
    for replica in range(REPLICAS):
        answer = cluster.ask(replica, LIVE_QUESTION, new_user()).json()
        assert live_version_of(answer) == 1

    write_live_corpus(cluster.corpus, 2)
    report = cluster.stack.index(cluster.corpus)
    indexed = time.monotonic()
    assert report["updated"] == ["alpha"]
    new_version = report["index_version"]
    assert new_version == before.pop() + 1

    switched: dict[int, float] = {}
    while len(switched) < REPLICAS and time.monotonic() - indexed < SWITCH_DEADLINE_S:
        for replica in set(range(REPLICAS)) - set(switched):
            if cluster.health(replica)["index_version"] == new_version:
                switched[replica] = round(time.monotonic() - indexed, 1)
        time.sleep(0.2)
    print(f"seconds from `assistant index` returning to each replica serving it: {switched}")
    assert sorted(switched) == list(range(REPLICAS)), f"not switched in time: {switched}"
    for replica in range(REPLICAS):
        answer = cluster.ask(replica, LIVE_QUESTION, new_user()).json()
        assert live_version_of(answer) == 2, answer["answer"]


@pytest.mark.timeout(120)
def test_killing_a_replica_loses_no_accepted_feedback(cluster: Cluster) -> None:
    victim = REPLICAS - 1
    sent: list[tuple[int, str, int]] = []  # (replica, answer_id, status; 0: no answer)
    killed_at = threading.Event()
    stop = threading.Event()

    def rate(replica: int) -> None:
        url = cluster.stack.api_urls[replica]
        with httpx.Client(base_url=url, timeout=10, trust_env=False) as http:
            while not stop.is_set():
                answer_id = uuid.uuid4().hex
                try:
                    status = http.post(
                        "/v1/feedback", json={"answer_id": answer_id, "rating": 1},
                        headers=new_user(),
                    ).status_code  # fmt: skip
                except httpx.HTTPError:
                    status = 0
                sent.append((replica, answer_id, status))
                if status == 0 and killed_at.is_set():
                    return  # the victim is gone

    threads = [threading.Thread(target=rate, args=(i,)) for i in range(REPLICAS) for _ in "ab"]
    for thread in threads:
        thread.start()
    time.sleep(2.0)
    before_kill = [s for s in sent if s[0] == victim and s[2] == 201]
    cluster.stack.kill(victim)  # SIGKILL: no shutdown handler runs
    killed_at.set()
    time.sleep(2.0)
    stop.set()
    for thread in threads:
        thread.join(30)

    assert before_kill, "the victim accepted no feedback before it was killed"
    assert {status for *_, status in sent} <= {0, 201}
    assert all(replica == victim for replica, _, status in sent if status == 0)
    accepted = {answer_id for _, answer_id, status in sent if status == 201}
    stored = {row.answer_id for row in FeedbackStore(cluster.database_url).rows()}
    assert accepted - stored == set(), "feedback answered 201 but not in the database"
    survivors = [i for i in range(REPLICAS) if i != victim]
    assert any(s[0] in survivors and s[2] == 201 for s in sent)
    for replica in survivors:
        response = cluster.ask(replica, QUESTIONS["osmose"], new_user())
        assert response.status_code == 200 and response.json()["answerable"]
        assert cluster.health(replica)["status"] == "ok"
