"""``python -m kneecare_desktop``: the same as the ``kneecare`` command."""

import sys

from kneecare_desktop.cli import main

sys.exit(main())
