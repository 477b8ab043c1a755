"""auditapp(.exe), the windowed program: opens the window, with the files or folders given.

A windowed program has no console on Windows, so the command line is auditapp-cli(.exe)."""

import multiprocessing
import sys

if __name__ == "__main__":
    # First thing: the batch engine's worker processes start this executable again, and
    # freeze_support turns those starts into workers rather than another window.
    multiprocessing.freeze_support()

    from auditapp.cli import main

    sys.exit(main(["gui", *sys.argv[1:]]))
