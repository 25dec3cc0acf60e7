"""Which files a content load read, so the content cache knows what to check before reuse."""

from __future__ import annotations

from pathlib import Path

_recording: list[list[Path]] = []


def note(path: Path) -> None:
    for files in _recording:
        files.append(Path(path))


class record:
    """``with record() as files:`` collects every content file read inside the block."""

    def __enter__(self) -> list[Path]:
        self.files: list[Path] = []
        _recording.append(self.files)
        return self.files

    def __exit__(self, *exc) -> None:
        _recording.remove(self.files)
