"""The bundle's entry point: the same as the `trainer` command of the Python package."""

import sys

from trainer.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
