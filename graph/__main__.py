"""python -m graph: see graph.cli."""

import sys

from graph.cli import main

sys.exit(main())
