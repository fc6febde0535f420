"""Background ingestion jobs: submitted over HTTP, run one at a time, polled at /jobs/{id}.

A single worker thread takes jobs in order, so batches never compete for the
store, and each job's progress is readable while it runs.
"""

from __future__ import annotations

import itertools
import queue
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from coopgraph.api.ingest.service import IngestReport, Outcome

Status = Literal["queued", "running", "done", "failed"]


@dataclass
class Job:
    id: str
    total: int
    status: Status = "queued"
    submitted: datetime = field(default_factory=lambda: datetime.now(UTC))
    started: datetime | None = None
    finished: datetime | None = None
    report: IngestReport = field(default_factory=IngestReport)
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        counts = self.report.counts()
        return {
            "id": self.id,
            "status": self.status,
            "submitted": self.submitted.isoformat(),
            "started": self.started.isoformat() if self.started else None,
            "finished": self.finished.isoformat() if self.finished else None,
            "total": self.total,
            "processed": sum(counts.values()),
            "outcomes": counts,
            "errors": [
                {"source": s, "reason": r}
                for s, r in itertools.islice(self.report.errors.items(), 100)
            ],
            "error": self.error,
        }


Work = Callable[[IngestReport], None]


class JobRunner:
    def __init__(self, history: int) -> None:
        self.history = history
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self._queue: queue.Queue[tuple[Job, Work] | None] = queue.Queue()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="coopgraph-jobs", daemon=True)
        self._thread.start()

    def submit(self, total: int, work: Work) -> Job:
        job = Job(id=uuid.uuid4().hex, total=total)
        with self._lock:
            self.jobs[job.id] = job
            self._forget_old()
        self._queue.put((job, work))
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self.jobs.get(job_id)

    def close(self, timeout: float = 5.0) -> None:
        """Stop: the running job ends after its current document, queued ones never start."""
        with self._lock:
            for job in self.jobs.values():
                job.report.stop.set()
                if job.status == "queued":
                    job.status, job.error = "failed", "the server stopped before this job started"
        self._queue.put(None)
        self._thread.join(timeout=timeout)

    def _forget_old(self) -> None:
        finished = [j.id for j in self.jobs.values() if j.status in ("done", "failed")]
        for job_id in finished[: max(0, len(finished) - self.history)]:
            del self.jobs[job_id]

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            job, work = item
            if job.report.stop.is_set():
                continue
            job.status, job.started = "running", datetime.now(UTC)
            try:
                work(job.report)
                job.status = "failed" if job.report.stop.is_set() else "done"
                if job.report.stop.is_set():
                    job.error = "the server stopped during this job; run it again to finish"
            except Exception as exc:  # a job's failure is its own; the runner goes on
                job.status, job.error = "failed", f"{type(exc).__name__}: {exc}"
            job.finished = datetime.now(UTC)


def outcome_status(outcome: Outcome) -> int:
    """The HTTP status for one document's ingestion."""
    return {"new": 201, "updated": 200, "unchanged": 200, "skipped": 422, "failed": 422}[outcome]
