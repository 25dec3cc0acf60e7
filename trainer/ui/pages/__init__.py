"""One class per page. Pages emit ``*_requested`` signals; the main window wires them."""
