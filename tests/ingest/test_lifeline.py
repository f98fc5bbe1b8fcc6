"""No process of an ingest outlives it: SIGKILL `eventwire ingest --workers 2` (as the OOM killer or a CI timeout
would) and its worker processes, and multiprocessing's resource tracker, are gone seconds later."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

STORY = "Gunmen attacked a police post near Gusau on Monday, killing two officers, police said."


def living(pids: list[int]) -> list[int]:
    out = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                out.append(pid)
        except psutil.NoSuchProcess:
            pass
    return out


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_sigkill_of_ingest_leaves_no_process_behind(tmp_path: Path, engine: str) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i in range(400):  # (enough that the ingest is still at work when it is killed, on a fast machine too)
        (corpus / f"a{i:03d}.txt").write_text(f"{STORY} Report {i}.", encoding="utf-8")
    cmd = [sys.executable, "-m", "eventwire.cli", "ingest", str(corpus), "--db", str(tmp_path / "k.db"),
           "--workers", "2", "--engine", engine, "--published", "2024-03-04"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + 120
    children: list[int] = []
    while time.monotonic() < deadline and proc.poll() is None:
        children = [c.pid for c in parent.children(recursive=True)]
        if len(children) >= 2:  # the workers (and, for the local engine, the resource tracker) are up
            break
        time.sleep(0.2)
    assert proc.poll() is None and len(children) >= 2, f"ingest ended or started no workers: {children}"
    time.sleep(1.0)  # (the workers are loading the model: the lifeline is set up first)
    children = [c.pid for c in parent.children(recursive=True)]
    assert proc.poll() is None, "the ingest ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 5
    while living(children) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = living(children)
    for pid in left:  # (a failing test must not leak them either)
        os.kill(pid, signal.SIGKILL)
    assert not left, f"still running 5 s after the ingest was killed: {left}"
