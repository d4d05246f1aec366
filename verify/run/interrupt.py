"""Stopping the page being read when the applicant's time is nearly up.

The pipeline stops reading between pages at a share of the applicant's time
(:class:`verify.run.pipeline.ReadBudget`). A page begun just before that can run on to
the executor's hard limit, which kills the worker: the applicant was then an error row
and every page already read was lost. A :class:`PageGuard` lets a timer of the worker
(:func:`verify.run.task.check_task`) raise :class:`ReadingCut` in the thread that reads,
at its next Python instruction, only while that thread is inside a file's pages
(:meth:`PageGuard.reading`); the pipeline turns it into a ``review`` for the rest of the
file and checks what was read. A page stuck inside one call of native code (a decoder,
one model run) is not reached: the hard limit stays the backstop.

>>> guard = PageGuard()
>>> guard.fire()  # nothing is being read: nothing to stop
False
>>> import threading, time
>>> def later():
...     time.sleep(0.05)
...     guard.fire()
>>> threading.Thread(target=later).start()
>>> try:
...     with guard.reading():
...         for _ in range(200):
...             time.sleep(0.01)
...     print("read it all")
... except ReadingCut:
...     print("stopped mid-page", guard.fired)
stopped mid-page True
"""
from __future__ import annotations

import contextlib
import ctypes
import threading
from typing import Iterator


class ReadingCut(BaseException):
    """The applicant's time ran out inside a page. A ``BaseException``, so that the
    ``except Exception`` of one page's seal or signature reading does not swallow it."""


class FileStalled(BaseException):
    """No page was done for most of the stall limit: the page being read, and the rest
    of its file, are skipped and the next file is read (the executor killed the worker
    at the limit and checked the applicant again without the file, reading every other
    page a second time and losing the file's pages read before it)."""


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    """Raise ``exc`` in the thread ``thread_id`` at its next Python instruction; ``None``
    takes back one that has not been raised yet."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exc) if exc is not None else None)


class PageGuard:
    """Where a thread reads pages that :meth:`fire` may stop."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._reader: int | None = None
        self._paused = False
        self._pending: type[BaseException] | None = None  # the stop fired inside this reading()
        self.fired = False  # the time limit's stop (ReadingCut) was fired: never twice

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """The pages read inside may be stopped by :meth:`fire` (its exception raised
        here); outside, never: the rules and the report are not cut short."""
        with self._lock:
            self._reader, self._pending = threading.get_ident(), None
        try:
            yield
        finally:
            with self._lock:
                reader, self._reader = self._reader, None
                if reader is not None and self._pending is not None:
                    _raise_in(reader, None)  # fired but not raised yet: it would land in the rules
                self._pending = None

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """Inside :meth:`reading`, a step that must not be cut in the middle (a message
        to the executor half written would garble its pipe): a stop fired before or
        during it is raised after it.

        >>> guard = PageGuard()
        >>> try:
        ...     with guard.reading():
        ...         with guard.paused():
        ...             print(guard.fire(), "and the message is sent whole")
        ...         print("not reached")
        ... except ReadingCut:
        ...     print("stopped after it")
        True and the message is sent whole
        stopped after it
        """
        with self._lock:
            self._paused = True
            if self._reader is not None and self._pending is not None:  # not raised yet: after the step
                _raise_in(self._reader, None)
        try:
            yield
        finally:
            with self._lock:
                self._paused = False
                held = self._pending if self._reader is not None else None
        if held is not None:
            raise held()

    def fire(self, stop: type[BaseException] = ReadingCut) -> bool:
        """Stop the page being read with ``stop`` (:class:`ReadingCut`, once; or
        :class:`FileStalled`), if one is being read and no stop is on its way; True
        where one was.

        >>> guard = PageGuard()
        >>> import threading, time
        >>> threading.Thread(target=lambda: (time.sleep(0.05), guard.fire(FileStalled))).start()
        >>> try:
        ...     with guard.reading():
        ...         for _ in range(200):
        ...             time.sleep(0.01)
        ... except FileStalled:
        ...     print("skipped the file", guard.fired)
        skipped the file False
        """
        with self._lock:
            if self._reader is None or self._pending is not None or (stop is ReadingCut and self.fired):
                return False
            self._pending = stop
            self.fired = self.fired or stop is ReadingCut
            if not self._paused:  # else raised as the step ends (paused)
                _raise_in(self._reader, stop)
            return True


@contextlib.contextmanager
def reading(budget) -> Iterator[None]:
    """``budget.guard.reading()`` where the dossier has a time budget, else nothing."""
    guard = getattr(budget, "guard", None)
    if guard is None:
        yield
    else:
        with guard.reading():
            yield


__all__ = ["FileStalled", "PageGuard", "ReadingCut", "reading"]
