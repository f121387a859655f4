"""Entry point for ``python -m castyou``."""

import sys

from castyou.cli import main

sys.exit(main())
