"""The person's settings: text size, theme and extra content packs, kept in the settings table.

Plain Python, no Qt: the Settings page shows and changes these; the app reads them at start.
"""

from __future__ import annotations

import json
from pathlib import Path

from trainer.content.library import manifest_in
from trainer.services.errors import FieldError, UserError
from trainer.services.facilitator import FacilitatorLock, check_pin_format
from trainer.store import Store

TEXT_SIZE_KEY = "text_size"
THEME_KEY = "theme"
CONTENT_KEY = "content_folders"
THEMES = ("system", "light", "dark", "high-contrast")
MIN_TEXT_SIZE, MAX_TEXT_SIZE = 100, 200


class SettingsService:
    def __init__(self, store: Store):
        self.store = store

    # -- appearance ------------------------------------------------------------------------
    @property
    def text_size(self) -> int:
        """The text size in per cent of normal (100 to 200)."""
        raw = self.store.get_setting(TEXT_SIZE_KEY, "100") or "100"
        try:
            value = int(raw)
        except ValueError:
            return 100
        return max(MIN_TEXT_SIZE, min(MAX_TEXT_SIZE, value))

    def set_text_size(self, percent: int) -> int:
        if not MIN_TEXT_SIZE <= int(percent) <= MAX_TEXT_SIZE:
            raise FieldError("text_size", f"Text size must be between {MIN_TEXT_SIZE}% and "
                             f"{MAX_TEXT_SIZE}%; choose a size from the list.")
        self.store.set_setting(TEXT_SIZE_KEY, str(int(percent)))
        return int(percent)

    @property
    def theme(self) -> str:
        value = self.store.get_setting(THEME_KEY, "system") or "system"
        return value if value in THEMES else "system"

    def set_theme(self, name: str) -> str:
        if name not in THEMES:
            raise FieldError("theme", f"Theme must be one of: {', '.join(THEMES)}.")
        self.store.set_setting(THEME_KEY, name)
        return name

    # -- content packs ---------------------------------------------------------------------
    @property
    def content_folders(self) -> list[Path]:
        raw = self.store.get_setting(CONTENT_KEY, "[]") or "[]"
        try:
            values = json.loads(raw)
        except json.JSONDecodeError:
            return []
        return [Path(v) for v in values if isinstance(v, str)]

    def _save_folders(self, folders: list[Path]) -> None:
        self.store.set_setting(CONTENT_KEY, json.dumps([str(f) for f in folders]))

    def add_content_folder(self, folder: Path) -> Path:
        """Remember an extra content pack folder; the app loads it on its next start."""
        folder = Path(folder).expanduser().resolve()
        if not folder.is_dir():
            raise FieldError("content_folder", f"{folder} is not a folder. Choose the folder that "
                             "holds the pack's pack.yaml file.")
        if not manifest_in(folder).is_file():
            raise FieldError("content_folder", f"{folder} has no pack.yaml file. Choose the folder "
                             "that holds the pack's pack.yaml (or its resources folder).")
        folders = self.content_folders
        if folder in folders:
            raise FieldError("content_folder", f"{folder} is already in the list.")
        self._save_folders([*folders, folder])
        return folder

    def remove_content_folder(self, folder: Path) -> None:
        self._save_folders([f for f in self.content_folders if f != Path(folder)])

    # -- facilitator PIN -------------------------------------------------------------------
    def change_pin(self, current: str, new: str, confirm: str) -> None:
        """Change the facilitator PIN; the current one must be right (with the usual waits)."""
        lock = FacilitatorLock(self.store)
        if not lock.is_set:
            raise FieldError("current_pin", "No facilitator PIN is set yet, so there is nothing "
                             "to change. It is set the first time Manage or Group sessions opens.")
        if not current:
            raise FieldError("current_pin", "Current PIN is empty. Type the PIN you use now.")
        try:
            check_pin_format(new)
        except FieldError as exc:
            raise FieldError("new_pin", "New PIN must be 4 to 12 digits, for example 4827.") from exc
        try:
            right = lock.unlock(current)
        except UserError as exc:
            raise FieldError("current_pin", str(exc)) from exc
        if not right:
            raise FieldError("current_pin", "Current PIN is not right. Type the PIN you use now; "
                             "after a wrong try you wait a little before the next.")
        lock.set_pin(new, confirm)

    @property
    def pin_is_set(self) -> bool:
        return FacilitatorLock(self.store).is_set
