"""Executors: map a picklable ``work(item) -> result`` over items, yielding results as they finish.

* ``LocalPool``: worker processes we manage ourselves (not ``ProcessPoolExecutor``, which
  can neither kill one stuck task nor survive a dead worker). Each worker pays the start-up
  (``initializer``) once; a task running past ``timeout`` gets its worker killed and
  replaced, a worker that dies (segfault, OOM kill) is replaced; either way the item gets a
  ``fail(item, code, message)`` result and the rest goes on.
* ``InlinePool``: the same in this process (profiling, debugging; no timeout).
* ``DaskPool``: ``client.submit`` over a dask.distributed cluster, results gathered here.

Every pool keeps at most a few items in flight, so memory does not grow with the batch.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import signal
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing import forkserver
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

from pipeline.catalog import ErrorCode

T = TypeVar("T")
READY = "__notice_tasks_worker_ready__"
STARTUP_SECONDS = 120.0  # a new worker's start-up, allowed on top of its first item's timeout
Fail = Callable[[str, str, str], T]  # (item, error code, message) -> result
# imported once by the fork server, inherited by every worker (pipeline.batch.preload warms up)
PRELOAD = ["pipeline.batch.preload"]


def _context() -> mp.context.BaseContext:
    """forkserver where available: fast workers, no inherited locks, threads or file handles."""
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return mp.get_context("spawn")  # pragma: no cover - Windows


def start_fork_server() -> None:
    """Start the fork server now: it imports and warms the pipeline (a second or two) while
    the calling process goes on starting up, and the first worker forks without waiting."""
    if _context().get_start_method() == "forkserver":
        forkserver.ensure_running()


def _worker_main(conn: Connection, initializer: Callable[[], None] | None, work: Callable) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if initializer is not None:
        with contextlib.suppress(Exception):  # the same failure is reported per document
            initializer()
    with contextlib.suppress(OSError):
        conn.send(READY)  # the first item's time starts now, not before the start-up
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if item is None:
            return
        try:
            conn.send(work(item))
        except (BrokenPipeError, OSError):
            return


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    item: str | None = None
    deadline: float = float("inf")
    done: int = 0
    ready: bool = False


@dataclass
class LocalPool(Generic[T]):
    """``jobs`` worker processes with a per-item ``timeout`` (seconds; None: no limit)."""

    work: Callable[[str], T]
    fail: Fail[T]
    jobs: int = 1
    timeout: float | None = 120.0
    initializer: Callable[[], None] | None = None
    max_tasks_per_worker: int | None = None  # recycle workers (bounds leaks); None: never
    _workers: list[_Worker] = field(default_factory=list)

    def map(self, items: Iterable[str]) -> Iterator[T]:
        ctx = _context()
        pending = iter(items)
        try:
            yield from self._loop(ctx, pending)
        finally:
            self._shutdown()

    def _loop(self, ctx: mp.context.BaseContext, pending: Iterator[str]) -> Iterator[T]:
        item = next(pending, None)
        while True:
            while item is not None and (idle := self._idle(ctx)) is not None:
                self._assign(idle, item)
                item = next(pending, None)
            busy = [w for w in self._workers if w.item is not None]
            if not busy:
                return
            soonest = min(w.deadline for w in busy)
            wait_for = None if soonest == float("inf") else max(0.0, soonest - time.monotonic())
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], wait_for))
            for worker in busy:
                result = self._collect(worker, ready)
                if result is not None:
                    yield result

    def _idle(self, ctx: mp.context.BaseContext) -> _Worker | None:
        for worker in self._workers:
            if worker.item is None:
                return worker
        if len(self._workers) < max(1, self.jobs):
            worker = self._start(ctx)
            self._workers.append(worker)
            return worker
        return None

    def _start(self, ctx: mp.context.BaseContext) -> _Worker:
        parent, child = ctx.Pipe(duplex=True)
        process = ctx.Process(  # type: ignore[attr-defined]
            target=_worker_main, args=(child, self.initializer, self.work), daemon=True
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def _assign(self, worker: _Worker, item: str) -> None:
        worker.item = item
        self._set_deadline(worker, 0.0 if worker.ready else STARTUP_SECONDS)
        worker.conn.send(item)

    def _set_deadline(self, worker: _Worker, extra: float) -> None:
        worker.deadline = time.monotonic() + self.timeout + extra if self.timeout else float("inf")

    def _collect(self, worker: _Worker, ready: set[Any]) -> T | None:
        item = worker.item
        assert item is not None
        if worker.conn in ready or worker.conn.poll():
            try:
                result: T = worker.conn.recv()
            except (EOFError, OSError):
                failure = self.fail(item, ErrorCode.INTERNAL, _death(worker.process))
                return self._replace(worker, failure)
            if isinstance(result, str) and result == READY:
                worker.ready = True
                self._set_deadline(worker, 0.0)
                return None
            worker.item, worker.deadline, worker.done = None, float("inf"), worker.done + 1
            if self.max_tasks_per_worker and worker.done >= self.max_tasks_per_worker:
                self._replace(worker, None)
            return result
        if worker.process.sentinel in ready:
            return self._replace(
                worker, self.fail(item, ErrorCode.INTERNAL, _death(worker.process))
            )
        if time.monotonic() >= worker.deadline:
            message = f"gave up after {self.timeout:g} s (--timeout); the worker was stopped"
            return self._replace(worker, self.fail(item, ErrorCode.TIMEOUT, message))
        return None

    def _replace(self, worker: _Worker, result: T | None) -> T | None:
        """Stop a worker; a new one is started when there is work for it."""
        _stop(worker)
        self._workers.remove(worker)
        return result

    def _shutdown(self) -> None:
        for worker in self._workers:
            if worker.item is None:
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
        deadline = time.monotonic() + 2.0
        for worker in self._workers:
            if worker.item is None:
                worker.process.join(max(0.0, deadline - time.monotonic()))
            _stop(worker)
        self._workers.clear()


def _stop(worker: _Worker) -> None:
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join(5)
    worker.conn.close()


def _death(process: BaseProcess) -> str:
    process.join(1)
    code = process.exitcode
    if code is not None and code < 0:
        try:
            how = f"killed by {signal.Signals(-code).name}"
        except ValueError:
            how = f"killed by signal {-code}"
    else:
        how = f"exit code {code}"
    return f"the worker process died ({how}) while processing this file"


@dataclass
class InlinePool(Generic[T]):
    """Run ``work`` in this process, one item after the other (no timeout)."""

    work: Callable[[str], T]
    initializer: Callable[[], None] | None = None

    def map(self, items: Iterable[str]) -> Iterator[T]:
        if self.initializer is not None:
            with contextlib.suppress(Exception):  # reported per document by work()
                self.initializer()
        yield from map(self.work, items)


# ---------------------------------------------------------------- dask


@dataclass
class DaskPool(Generic[T]):
    """``client.submit`` over a dask.distributed cluster; ``scheduler`` None: a LocalCluster.

    Workers read the inputs themselves (paths must be valid on every worker: a shared
    filesystem) and return results to this process, which writes them. ``timeout`` is
    enforced by this process: an item not back in time is recorded as ``timeout`` and
    cancelled, but dask cannot stop a running Python thread (the local executor kills it).
    """

    work: Callable[[str], T]
    fail: Fail[T]
    scheduler: str | None = None
    jobs: int = 0  # LocalCluster workers (0: all cores)
    timeout: float | None = 120.0
    initializer: Callable[[], None] | None = None
    window: int = 0  # items in flight (0: one per worker thread)

    def map(self, items: Iterable[str]) -> Iterator[T]:
        from dask.distributed import Client, LocalCluster

        cluster = None
        if self.scheduler:
            client = Client(self.scheduler)
        else:
            workers = self.jobs if self.jobs > 0 else (os.cpu_count() or 1)
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=40,
            )
            client = Client(cluster)
        try:
            if self.initializer is not None:
                _register_setup(client, self.initializer)
            yield from self._gather(client, iter(items))
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    def _gather(self, client: Any, pending: Iterator[str]) -> Iterator[T]:
        """One item in flight per worker thread, so an item's time starts when it is sent."""
        from dask.distributed import wait as dask_wait

        window = self.window or sum(client.nthreads().values()) or 1
        started: dict[Any, tuple[str, float]] = {}

        def submit(n: int) -> None:
            for item in (next(pending, None) for _ in range(n)):
                if item is not None:
                    future = client.submit(self.work, item, pure=False)
                    started[future] = (item, time.monotonic())

        submit(window)
        while started:
            soonest = min(t for _, t in started.values()) + (self.timeout or float("inf"))
            try:
                wait_for = max(0.01, soonest - time.monotonic()) if self.timeout else None
                done = dask_wait(list(started), timeout=wait_for, return_when="FIRST_COMPLETED")
                finished = list(done.done)
            except TimeoutError:
                finished = []
            for future in finished:
                item, _ = started.pop(future)
                yield self._result(future, item)
            now = time.monotonic()
            for future, (item, at) in list(started.items()):
                if self.timeout and now - at >= self.timeout:
                    del started[future]
                    future.cancel()  # the worker thread itself cannot be stopped
                    message = f"gave up after {self.timeout:g} s (--timeout)"
                    yield self.fail(item, ErrorCode.TIMEOUT, message)
                    finished.append(future)
            submit(len(finished))

    def _result(self, future: Any, item: str) -> T:
        try:
            result: T = future.result()
        except Exception as exc:  # a worker died or the task raised
            return self.fail(
                item, ErrorCode.INTERNAL, f"on the cluster: {type(exc).__name__}: {exc}"
            )
        finally:
            future.release()
        return result


def _register_setup(client: Any, initializer: Callable[[], None]) -> None:
    """Run the start-up once per dask worker (now and on workers that join later)."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class _WarmUp(WorkerPlugin):
        name = "notice-tasks-warm-up"

        def setup(self, worker: Any) -> None:
            try:
                initializer()
            except Exception:
                traceback.print_exc()

    client.register_plugin(_WarmUp())
