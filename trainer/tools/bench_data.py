"""The manager's views over many responses, for ``trainer bench``."""

from __future__ import annotations


def bench_manager(settings, tmp):
    raise NotImplementedError("the manager's views (issue 6) have not landed yet")
