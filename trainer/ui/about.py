"""About Inspection Trainer: version, content packs, licences, and where the records are kept."""

from __future__ import annotations

import platform
from pathlib import Path

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from trainer import APP_NAME, __version__, paths
from trainer.content.library import Library
from trainer.ui.theme import SPACE
from trainer.ui.widgets import button, fit_to_text, label

CODE_LICENCE = "MIT licence"
OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def open_folder(folder: Path) -> bool:
    """Open a folder in the system's file manager (one function, so tests can replace it)."""
    folder.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class AboutDialog(QDialog):
    def __init__(self, library: Library, db_path: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(f"About {APP_NAME}")
        self.setAccessibleName(f"About {APP_NAME}")
        self.data_folder = Path(db_path).parent if db_path else paths.data_dir()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, SPACE["l"])
        outer.setSpacing(SPACE["s"])
        # The text scrolls (at twice the text size it is taller than a laptop's screen); the
        # buttons stay in view below it.
        body = QWidget()
        body.setObjectName("aboutBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(SPACE["xl"], SPACE["xl"], SPACE["xl"], 0)
        layout.setSpacing(SPACE["m"])
        scroll = QScrollArea()
        scroll.setObjectName("aboutScroll")
        scroll.setAccessibleName(f"About {APP_NAME}")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        top = QHBoxLayout()
        top.setSpacing(SPACE["l"])
        icon = QLabel()
        icon.setObjectName("aboutIcon")
        icon.setPixmap(QIcon(str(paths.icon_path())).pixmap(72, 72))
        icon.setAccessibleName(f"{APP_NAME} icon")
        top.addWidget(icon, 0, Qt.AlignTop)
        heading = QVBoxLayout()
        heading.setSpacing(SPACE["xs"])
        heading.addWidget(label(APP_NAME, role="h1", name="aboutTitle"))
        self.version = label(f"Version {__version__}", role="lead", name="aboutVersion",
                             selectable=True)
        heading.addWidget(self.version)
        heading.addWidget(label("Evidence-linked training for children's social work staff, built "
                                "on an Ofsted inspection report.", role="muted"))
        top.addLayout(heading, 1)
        layout.addLayout(top)

        layout.addWidget(label("Content", role="h3", name="aboutContentHeading"))
        packs = [f"{pack.manifest.title} (pack {pack.id}, version {pack.version})" for pack in
                 library.packs] or ["No content pack is loaded."]
        self.packs = label("\n".join(packs), name="aboutPacks", selectable=True)
        layout.addWidget(self.packs)

        layout.addWidget(label("Licences", role="h3", name="aboutLicenceHeading"))
        attributions = []
        for pack in library.packs:
            if pack.attribution and pack.attribution not in attributions:
                attributions.append(pack.attribution)
        self.licence = QLabel()
        self.licence.setObjectName("aboutLicence")
        self.licence.setWordWrap(True)
        self.licence.setTextFormat(Qt.RichText)
        self.licence.setOpenExternalLinks(True)
        self.licence.setTextInteractionFlags(Qt.TextBrowserInteraction)
        self.licence.setAccessibleName("Licences")
        ogl = f'<a href="{OGL_URL}">Open Government Licence v3.0</a>'
        parts = [f"The app is free software under the {CODE_LICENCE}."]
        parts += [_escape(text).replace("Open Government Licence v3.0", ogl)
                  for text in attributions]
        parts.append("The training material built on the report is not endorsed by Ofsted. "
                     "Certificates use the DejaVu fonts (free licence).")
        self.licence.setText("<p>" + "</p><p>".join(parts) + "</p>")
        layout.addWidget(self.licence)

        layout.addWidget(label("Your records", role="h3", name="aboutDataHeading"))
        where = (f"Training records: {db_path}" if db_path else
                 f"Data folder: {self.data_folder}")
        self.data_path = label(where, name="aboutDataFolder", selectable=True)
        self.data_path.setAccessibleName(where)
        layout.addWidget(self.data_path)
        layout.addStretch(1)
        footer = QVBoxLayout()
        footer.setContentsMargins(SPACE["xl"], 0, SPACE["xl"], 0)
        footer.setSpacing(SPACE["s"])
        outer.addLayout(footer)
        row = QHBoxLayout()
        self.open_data = button("Open data folder", "openDataFolder",
                                description=f"Show {self.data_folder} in the file manager")
        row.addWidget(self.open_data)
        row.addStretch(1)
        self.close_button = button("Close", "aboutClose", role="primary")
        row.addWidget(self.close_button)
        footer.addLayout(row)
        footer.addWidget(label(f"Python {platform.python_version()} · Qt for Python "
                               f"{PYSIDE_VERSION}", role="muted", name="aboutBuiltWith"))

        self.open_data.clicked.connect(lambda: open_folder(self.data_folder))
        self.close_button.clicked.connect(self.accept)
        self.close_button.setFocus()
        self.setMinimumWidth(600)
        fit_to_text(self, 640)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
