"""A throwaway PostgreSQL server for the benchmarks: initdb in a temporary folder, 127.0.0.1 only.

As root it runs the server as the ``postgres`` user (PostgreSQL refuses to
run as root). The tests have their own copy of this in
tests/test_store_contract.py, which skips instead of failing.

Its settings are a bulk build's, for a database that is thrown away: no
durability (``fsync``, ``synchronous_commit`` and full-page writes off), no
WAL beyond what recovery needs (``wal_level=minimal``: a table emptied in the
load's transaction and the indexes built after it are written without WAL),
no autovacuum beside the timed steps (the load runs its own ``VACUUM``), and
memory for the sorts and hashes of the rollup builds. These are the bench
server's only: the store sets nothing on a user's server. Given a folder
(``--pg-dir``), the server keeps its data there for reruns: a second start
finds the loaded database and skips the load.
Statements slower than ``log_ms`` go to the server's log (``<folder>/log``).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

# a bulk build on a small machine (2 cores, a few GB to spare): see the module's paragraph
SETTINGS = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "wal_level": "minimal",
    "max_wal_senders": "0",
    "wal_skip_threshold": "64MB",
    "max_wal_size": "16GB",
    "checkpoint_timeout": "1h",
    "autovacuum": "off",
    "shared_buffers": "2GB",
    "work_mem": "256MB",
    "maintenance_work_mem": "1GB",
    "max_parallel_workers_per_gather": "1",
    "max_parallel_maintenance_workers": "1",
    "jit": "off",
}


class ThrowawayPostgres:
    def __init__(self, path: str | None = None, log_ms: int = 2000) -> None:
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        found = bins[-1] if bins else shutil.which("pg_ctl")
        if not found:
            raise SystemExit("PostgreSQL is not installed (no pg_ctl): run 'make setup', or give --pg-url")
        self.bin = Path(found).parent
        self.user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.keep = path is not None
        self.dir = Path(path) if path else Path(tempfile.mkdtemp(prefix="dyadwatch-pgbench-"))
        self.dir.mkdir(parents=True, exist_ok=True)
        if self.user:
            shutil.chown(self.dir, "postgres", "postgres")
        self.log_ms = log_ms
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    @property
    def reused(self) -> bool:
        """Whether the folder held a database before this server started (a kept one, loaded before)."""
        return self._reused

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run([*self.user, str(self.bin / tool), *args], check=True, capture_output=True, text=True, timeout=300)

    def __enter__(self) -> "ThrowawayPostgres":
        data = str(self.dir / "data")
        self._reused = (self.dir / "data" / "PG_VERSION").exists()
        if not self._reused:
            self._run("initdb", "-D", data, "-U", "postgres", "--auth=trust", "--locale=C", "--encoding=UTF8")
        settings = {**SETTINGS, "log_min_duration_statement": str(self.log_ms)}
        opts = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} " + " ".join(
            f"-c {k}={v}" for k, v in settings.items()
        )
        self._run("pg_ctl", "-D", data, "-o", opts, "-l", str(self.dir / "log"), "-w", "-t", "120", "start")
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            # a kept folder is stopped cleanly, so that the next start needs no recovery
            self._run("pg_ctl", "-D", str(self.dir / "data"), "-m", "fast" if self.keep else "immediate", "stop")
        finally:
            if not self.keep:
                shutil.rmtree(self.dir, ignore_errors=True)
