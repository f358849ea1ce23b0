"""The Dask engine: code batches on a Dask cluster, write them where the run loop is.

Only ``map_batches`` lives here; reading, resume, progress, error reporting
and the store writes stay in ``engines.local.run_coding``, so a Dask run
behaves exactly as a local one. Each worker process builds the pipeline once
(models are cached per process) and sends back ``CodedArticle`` records,
never spaCy ``Doc``s. The client, in the run loop's process, is the only one
that writes to the store, which keeps DuckDB's single-owner rule.

Without a scheduler address the engine starts a ``LocalCluster`` on
127.0.0.1 with ``dask_workers`` processes of one thread each, and closes it
when the run ends.
"""

from __future__ import annotations

from collections import deque
from typing import Any, Iterable, Iterator

from dyadwatch.config import Config
from dyadwatch.errors import DyadwatchError, make
from dyadwatch.records import Article, CodedArticle

# per worker process: the pipeline built for each configuration (a cache, not configuration)
_PIPELINES: dict[str, Any] = {}
# how long to wait for a scheduler given by address before giving up with E703
CONNECT_TIMEOUT = "20s"


def code_batch(config: Config, articles: list[Article]) -> list[CodedArticle | DyadwatchError]:
    """Runs on a worker: code one batch with this process's cached pipeline."""
    from dyadwatch.pipeline import default_pipeline

    key = repr(config)
    pipeline = _PIPELINES.get(key)
    if pipeline is None:
        pipeline = _PIPELINES[key] = default_pipeline(config)
    return pipeline.code(articles)


class DaskEngine:
    """Map batches over a Dask cluster, keeping a bounded number of batches in flight."""

    name = "dask.v1"

    def __init__(self, config: Config) -> None:
        try:
            import distributed  # noqa: F401 - checked here so a missing extra fails before any work
        except ImportError as exc:
            raise make("E901", where="engine", feature="The Dask engine", module="distributed", extra="dask") from exc
        self.config = config
        # enough batches queued that no worker waits, few enough that results don't pile up in memory
        self.in_flight = 2 * max(1, config.dask_workers)

    def _connect(self) -> tuple[Any, Any]:
        from distributed import Client, LocalCluster

        if self.config.scheduler:
            try:
                return Client(self.config.scheduler, timeout=CONNECT_TIMEOUT), None
            except (OSError, TimeoutError) as exc:
                raise make("E703", where="--scheduler", address=self.config.scheduler, reason=str(exc) or type(exc).__name__) from exc
        cluster = LocalCluster(
            n_workers=max(1, self.config.dask_workers), processes=True, threads_per_worker=1,
            host="127.0.0.1", dashboard_address=None,
        )
        return Client(cluster), cluster

    def map_batches(self, batches: Iterable[list[Article]]) -> Iterator[list[CodedArticle | DyadwatchError]]:
        """Yield each batch's results in input order, as the local engine does."""
        source = iter(batches)
        first = next(source, None)
        if first is None:
            return
        client, cluster = self._connect()
        try:
            config = client.scatter(self.config, broadcast=True)
            pending: deque[Any] = deque()
            batch: list[Article] | None = first
            while batch is not None or pending:
                while batch is not None and len(pending) < self.in_flight:
                    pending.append(client.submit(code_batch, config, batch, pure=False))
                    batch = next(source, None)
                yield pending.popleft().result()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
