"""The Qt user interface: a thin client of trainer.services."""
