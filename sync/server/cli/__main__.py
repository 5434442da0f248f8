"""``python -m sync.server.cli``: the ``county-center`` command without its console script."""

import sys

from sync.server.cli import main

sys.exit(main())
