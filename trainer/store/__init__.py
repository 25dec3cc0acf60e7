"""SQLite through sqlite-utils: the only place that writes SQL."""

from trainer.store.db import Store, StoreError

__all__ = ["Store", "StoreError"]
