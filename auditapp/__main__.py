import multiprocessing
import sys

if __name__ == "__main__":
    # First thing: in a frozen (PyInstaller) build the batch's worker processes start this
    # program again, and freeze_support turns those starts into workers instead of another CLI.
    multiprocessing.freeze_support()

    from .cli import main

    sys.exit(main())
