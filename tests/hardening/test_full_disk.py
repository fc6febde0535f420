"""A full disk stops writes, not reads, and the service recovers when space returns.

RocksDB turns read-only after a failed write until it is reopened; before,
every query then answered 503 until a restart while /health said ok. The
scenario runs the server on a 60 MB tmpfs in a private mount namespace
(root, or unprivileged user namespaces, are needed to mount one).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _namespace_command() -> list[str] | None:
    """unshare's options for a private mount namespace this user may create."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return None
    for options in (["-m"], ["-r", "-m"]):
        probe = subprocess.run(
            [unshare, *options, "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"],
            capture_output=True,
        )
        if probe.returncode == 0:
            return [unshare, *options]
    return None


def test_a_full_disk_stops_writes_not_reads_and_passes(tmp_path: Path) -> None:
    namespace = _namespace_command()
    if namespace is None:
        pytest.skip("cannot mount a small tmpfs here (needs root or user namespaces)")
    mount = tmp_path / "disk"
    mount.mkdir()
    script = (
        f"mount -t tmpfs -o size=60m tmpfs {mount} && "
        f"exec {sys.executable} -m tests.hardening.full_disk_scenario {mount}"
    )
    done = subprocess.run(
        [*namespace, "sh", "-c", script],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert 503 in seen["write_statuses"]  # the disk did fill
    assert seen["count_while_full"] is not None  # reads went on
    assert seen["count_while_full"] >= seen["before"]
    assert seen["health_while_full"]["status"] == "degraded"
    assert any("disk" in p for p in seen["health_while_full"]["problems"])
    assert seen["write_after"] == 201  # writes came back without a restart
    assert seen["count_after_write"] > seen["count_while_full"]
    assert seen["health_after"]["status"] == "ok"
