"""What the accessibility audit (``trainer ui-audit``) opens besides the sidebar pages.

The audit finds pages by itself: every page in the main window's stack, reached through the sidebar
where it can be. A page that needs data to show (a module, a question, a result) registers a *page
state*: a function that brings the main window to that page with sample data. A dialog registers a
*dialog sample*: a function that builds the dialog (not shown) for the audit. Dialogs that can be
built with only a parent are found without registering, and so is any dialog that opens modally
while the audit goes through the pages.

    from trainer.ui.registry import dialog_sample, page_state

    @dialog_sample("planSessionDialog")
    def _sample(window):
        return PlanSessionDialog(window.services, parent=window)
"""

from __future__ import annotations

from collections.abc import Callable

PAGE_STATES: dict[str, Callable] = {}
DIALOG_SAMPLES: dict[str, Callable] = {}


def page_state(name: str) -> Callable[[Callable], Callable]:
    """Register ``fn(window)``, which shows a page in a state worth auditing."""

    def register(fn: Callable) -> Callable:
        PAGE_STATES[name] = fn
        return fn

    return register


def dialog_sample(name: str) -> Callable[[Callable], Callable]:
    """Register ``fn(window) -> QDialog``, which builds a dialog with sample content."""

    def register(fn: Callable) -> Callable:
        DIALOG_SAMPLES[name] = fn
        return fn

    return register
