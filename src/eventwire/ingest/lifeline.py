"""Worker processes die with the process that started them, whatever kills it (SIGKILL, the OOM killer, a CI
timeout): nothing of an ingest is left running after it.

Each worker calls `die_with(parent_pid)` when it starts: on Linux the kernel sends it SIGKILL when its parent
exits (`PR_SET_PDEATHSIG`), and everywhere a daemon thread checks every `CHECK_SECONDS` that the parent is still
alive and ends the worker if not (a Dask worker's parent is its nanny, so the pid watched is the ingest's). With
the workers gone, multiprocessing's resource tracker sees its last pipe close and exits too."""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys
import threading
import time

log = logging.getLogger(__name__)

CHECK_SECONDS = 0.5
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def alive(pid: int) -> bool:
    """Whether a process of this id exists (one we may not signal counts as alive)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def die_with(parent_pid: int) -> None:
    """End this process as soon as `parent_pid` is gone."""
    if sys.platform.startswith("linux") and os.getppid() == parent_pid:
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - a libc without prctl: the thread below does it
            log.debug("prctl(PR_SET_PDEATHSIG) unavailable")
    if not alive(parent_pid):  # (gone before the kernel was told to watch it)
        os._exit(1)
    threading.Thread(target=_watch, args=(parent_pid, os.getppid()), name="eventwire-lifeline",
                     daemon=True).start()


def _watch(parent_pid: int, ppid: int) -> None:
    while True:
        time.sleep(CHECK_SECONDS)
        # (a direct child is re-parented when its parent dies, which also covers a reused pid)
        if not alive(parent_pid) or (ppid == parent_pid and os.getppid() != ppid):
            os._exit(1)
