"""The frozen app's entry point (packaging/kneecare.spec): the ``kneecare`` command."""

import sys

from kneecare_desktop.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
