"""Inspection Trainer: evidence-linked learning for children's social work staff."""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "Inspection Trainer"
APP_ID = "inspection-trainer"
DESKTOP_ID = "uk.inspectiontrainer.InspectionTrainer"  # the .desktop file and AppStream id
