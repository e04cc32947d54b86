"""The bundle's entry point: the ``cuadre`` command (``app.cli.main.main``), as installed by pip."""

import multiprocessing
import sys

from app.cli.main import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen Windows program must call it before anything else
    sys.exit(main())
