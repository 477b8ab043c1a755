"""auditapp-cli(.exe), the console program: the whole command line (`audit`, `gui`, `about`…)."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # first thing: worker processes start this executable too

    from auditapp.cli import main

    sys.exit(main())
