"""Journals: the registry of approved journals, and whether an ISSN, a CN and a
journal's name belong together (``journal.registered``, ``verify journal``).

- :mod:`verify.journals.registry`: the SQLite registry, read-only at run time;
- :mod:`verify.journals.importer`: building one from a list (CSV/XLSX);
- :mod:`verify.journals.judge`: the judgement (registered, mismatch, unknown, ceased, invalid);
- :mod:`verify.journals.online`: the optional journal-query service, cached;
- :mod:`verify.journals.cli`: ``verify journal`` and ``verify registry``.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field


@dataclass
class JournalChecker:
    """The registry (``registry_path``; the shipped snapshot when ``None``) and,
    when ``service_url`` is set, the online service; both opened on first use."""

    registry_path: str | None = None
    service_url: str | None = None
    _online: object | None = field(default=None, repr=False)

    def registry(self):
        from verify.journals.registry import open_registry

        return open_registry(self.registry_path)

    def online(self):
        if self.service_url and self._online is None:
            from verify.journals.online import OnlineLookup

            self._online = OnlineLookup(self.service_url)
        return self._online

    def check(self, issn=None, cn=None, names=(), date=None, **kw):
        from verify.journals.judge import check

        return check(self.registry(), issn, cn, names, date, online=self.online(), **kw)


_CHECKERS: dict[tuple, JournalChecker] = {}
_LOCK = threading.Lock()


def checker_for(registry_path: str | None = None, service_url: str | None = None) -> JournalChecker:
    """One checker per registry and service in a process."""
    key = (registry_path, service_url)
    with _LOCK:
        if key not in _CHECKERS:
            _CHECKERS[key] = JournalChecker(registry_path, service_url)
        return _CHECKERS[key]
