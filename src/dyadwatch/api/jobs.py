"""Background coding jobs for ``POST /api/articles``.

A submission is written to a JSONL file in a private temporary folder and
coded by the same run loop as ``dyadwatch code`` (``engines.local.run_coding``),
one job at a time on one worker thread, so the models load once and reads
keep being served meanwhile: the store is only locked while a batch is
written. Jobs live in memory; a restarted server forgets them (the articles
they stored stay).
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable

from dyadwatch.config import Config
from dyadwatch.errors import DyadwatchError, make

# (paths, store, config) -> summary dict; the default codes with the real pipeline
Coder = Callable[[list[str], Any, Config], dict[str, Any]]


def run_pipeline(paths: list[str], store: Any, config: Config) -> dict[str, Any]:
    """Code the files into the store with the configured engine; the run summary as data."""
    from dyadwatch.engines.local import run_coding
    from dyadwatch.ingest.readers import Defaults

    messages: list[str] = []
    summary = run_coding(paths, store, config, Defaults(), report=messages.append, progress=False)
    return {
        "read": summary.read, "coded": summary.coded, "already": summary.already, "duplicates": summary.duplicates,
        "other_language": summary.other_language, "events": summary.events, "errors": summary.errors,
        "warnings": summary.warnings, "seconds": round(summary.seconds, 2), "messages": messages[:50],
    }


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Jobs:
    """Queued coding jobs, run one at a time."""

    def __init__(self, store: Any, config: Config, coder: Coder = run_pipeline) -> None:
        self.store = store
        self.config = config
        self.coder = coder
        self._jobs: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self._dir: tempfile.TemporaryDirectory[str] | None = None

    def _started(self) -> tuple[ThreadPoolExecutor, Path]:
        """The worker and the spool folder, made on first use and again after ``close``."""
        with self._lock:
            if self._pool is None or self._dir is None:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dyadwatch-job")
                self._dir = tempfile.TemporaryDirectory(prefix="dyadwatch-jobs-")
            return self._pool, Path(self._dir.name)

    def submit(self, articles: list[dict[str, Any]]) -> dict[str, Any]:
        job_id = uuid.uuid4().hex
        pool, spool = self._started()
        path = spool / f"{job_id}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for n, art in enumerate(articles):
                record = {k: v for k, v in art.items() if v is not None}
                record.setdefault("id", f"api-{job_id[:8]}-{n + 1}")
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        job = {"id": job_id, "status": "queued", "articles": len(articles), "submitted": _now(),
               "started": None, "finished": None, "result": None, "error": None}
        with self._lock:
            self._jobs[job_id] = job
        pool.submit(self._run, job_id, str(path))
        return dict(job)

    def _run(self, job_id: str, path: str) -> None:
        self._update(job_id, status="running", started=_now())
        try:
            result = self.coder([path], self.store, self.config)
            self._update(job_id, status="done", finished=_now(), result=result)
        except DyadwatchError as exc:
            self._update(job_id, status="failed", finished=_now(), error=exc.as_dict())
        except Exception as exc:  # a job must report, never kill the worker thread
            self._update(job_id, status="failed", finished=_now(), error={
                "code": "E690", "message": f"{type(exc).__name__}: {exc}", "where": "job", "hint": None})
        finally:
            Path(path).unlink(missing_ok=True)

    def _update(self, job_id: str, **values: Any) -> None:
        with self._lock:
            self._jobs[job_id].update(values)

    def get(self, job_id: str) -> dict[str, Any]:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                raise make("E601", where="job", what="job", key=job_id, hint="Job ids come from POST /api/articles.")
            return dict(job)

    def close(self) -> None:
        with self._lock:
            pool, folder, self._pool, self._dir = self._pool, self._dir, None, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        if folder is not None:
            folder.cleanup()
