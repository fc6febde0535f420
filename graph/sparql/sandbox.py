"""The second wall behind the guard: code that evaluates SPARQL cannot open sockets.

The guard (:mod:`coopgraph.graph.sparql.guard`) refuses SERVICE, LOAD and
foreign FROM before anything runs. Parsers disagree, though, and the next
disagreement must not reach the network. So the processes and the thread that
evaluate user SPARQL run under a seccomp filter: ``socket()`` for any family
but AF_UNIX and every ``connect()`` fail with EACCES. Oxigraph's HTTP client
then fails like a host that cannot be reached; nothing leaves the machine.

A seccomp filter binds the thread that loads it and every thread it starts
later, and it cannot be lifted. Query workers load it for their whole process
(they need no network: they talk to the server over an inherited socket pair);
the server loads it on the one thread that runs SPARQL Update. Query workers
also leave the network namespace when the kernel lets unprivileged processes
do so, so even a socket that got through would see no interface but a
loopback that is down.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import logging
import socket
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000


class SandboxError(RuntimeError):
    """No wall could be raised where one is required."""


def deny_network() -> None:
    """Forbid sockets to the calling thread and the threads it will start.

    Raises :class:`SandboxError` when seccomp is unavailable (libseccomp is
    missing, or the kernel has no seccomp).
    """
    try:
        import pyseccomp as seccomp

        rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
        refuse = seccomp.ERRNO(errno.EACCES)
        rules.add_rule(refuse, "socket", seccomp.Arg(0, seccomp.NE, socket.AF_UNIX))
        rules.add_rule(refuse, "connect")
        rules.load()
    except Exception as exc:  # pyseccomp raises OSError, RuntimeError or its own
        raise SandboxError(f"cannot install the seccomp filter: {exc}") from exc


def leave_network_namespace() -> bool:
    """Move the (single-threaded) calling process into a fresh network namespace.

    True when it worked; False where the kernel refuses unprivileged user
    namespaces, which is common in containers (seccomp still holds there).
    """
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    return bool(libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0)


def isolate_process() -> list[str]:
    """Raise every wall available to a worker process; the names of those raised."""
    walls = []
    if leave_network_namespace():
        walls.append("netns")
    try:
        deny_network()
        walls.append("seccomp")
    except SandboxError as exc:
        log.warning("%s", exc)
    return walls


def can_connect() -> bool:
    """Whether the calling thread may open an IP socket (what the tests check)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM):
            return True
    except OSError:
        return False


# threading.stack_size is process-wide: set it only while our thread is made
_STACK_LOCK = threading.Lock()
UPDATE_STACK_BYTES = 64 * 1024 * 1024


class SandboxedThread:
    """One thread with a large stack and no network that runs calls in turn.

    SPARQL Update must run in the process that holds the store for writing, so
    its wall is a thread: the filter binds this thread only, and the server's
    other threads keep their sockets. The stack is many times the one the
    update was first parsed on in a worker, so what parsed there parses here.
    """

    def __init__(self, stack_bytes: int = UPDATE_STACK_BYTES) -> None:
        self.walls: list[str] = []
        self._executor = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="sparql-update", initializer=self._enter
        )
        with _STACK_LOCK:
            previous = threading.stack_size(stack_bytes)
            try:
                self._executor.submit(int).result()  # the thread starts now, with that stack
            finally:
                threading.stack_size(previous)

    def _enter(self) -> None:
        try:
            deny_network()
            self.walls.append("seccomp")
        except SandboxError as exc:
            log.warning("SPARQL Update runs without the network wall: %s", exc)

    def run(self, call: Callable[[], T]) -> T:
        """Run ``call`` on the thread and wait for its result (from a worker thread)."""
        return self._executor.submit(call).result()

    def close(self) -> None:
        self._executor.shutdown(wait=True)
