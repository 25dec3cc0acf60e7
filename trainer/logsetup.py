"""A rotating log in the data folder, so that when something unexpected happens there is a record
to send to IT. Names and answers are never logged, only what went wrong and where."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from trainer import paths

LOG_NAME = "trainer.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
_handler: logging.Handler | None = None


def log_file() -> Path:
    return paths.logs_dir() / LOG_NAME


def setup_logging() -> Path | None:
    """Attach the rotating file handler to the ``trainer`` logger (once). Returns the log file,
    or None if the folder cannot be written (the app still runs)."""
    global _handler
    path = log_file()
    logger = logging.getLogger("trainer")
    if _handler is not None and getattr(_handler, "baseFilename", None) == str(path):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES,
                                                       backupCount=BACKUP_COUNT, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    if _handler is not None:
        logger.removeHandler(_handler)
        _handler.close()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    _handler = handler
    return path


def log_unexpected(exc_type, exc, tb) -> Path | None:
    path = setup_logging()
    logging.getLogger("trainer").error("Unexpected error", exc_info=(exc_type, exc, tb))
    if _handler is not None:
        _handler.flush()
    return path
