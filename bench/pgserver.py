"""A throwaway PostgreSQL server for the benchmarks: initdb in a temporary folder, 127.0.0.1 only.

As root it runs the server as the ``postgres`` user (PostgreSQL refuses to
run as root). The tests have their own copy of this in
tests/test_store_contract.py, which skips instead of failing.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


class ThrowawayPostgres:
    def __init__(self) -> None:
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        found = bins[-1] if bins else shutil.which("pg_ctl")
        if not found:
            raise SystemExit("PostgreSQL is not installed (no pg_ctl): run 'make setup', or give --pg-url")
        self.bin = Path(found).parent
        self.user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.dir = Path(tempfile.mkdtemp(prefix="dyadwatch-pgbench-"))
        if self.user:
            shutil.chown(self.dir, "postgres", "postgres")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run([*self.user, str(self.bin / tool), *args], check=True, capture_output=True, text=True, timeout=300)

    def __enter__(self) -> "ThrowawayPostgres":
        data = str(self.dir / "data")
        self._run("initdb", "-D", data, "-U", "postgres", "--auth=trust", "--locale=C", "--encoding=UTF8")
        # durability off: a benchmark database is thrown away; memory settings for a small machine
        opts = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c shared_buffers=1GB -c work_mem=64MB -c maintenance_work_mem=512MB -c max_wal_size=8GB"
        )
        self._run("pg_ctl", "-D", data, "-o", opts, "-l", str(self.dir / "log"), "-w", "-t", "60", "start")
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.dir / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
