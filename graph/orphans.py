"""Child processes end with the server that started them, even after kill -9.

A process re-parented to init keeps its memory and, for a query worker, its
checkpoint files. ``PR_SET_PDEATHSIG`` would follow the thread that started the
child, not the process; a watcher thread that checks the parent's pid does not
depend on which thread that was.
"""

from __future__ import annotations

import os
import threading
import time

CHECK_EVERY = 0.5  # seconds


def exit_with_parent(parent: int) -> None:
    """Start a daemon thread that ends this process once ``parent`` is gone."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(CHECK_EVERY)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
