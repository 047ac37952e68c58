"""python -m matcher: see matcher.cli."""

import sys

from matcher.cli import main

sys.exit(main())
