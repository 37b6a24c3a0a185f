"""``python -m kneecare_desktop``: the same as the ``kneecare`` command."""

import sys

from kneecare_desktop.cli.main import main

sys.exit(main())
