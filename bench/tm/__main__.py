"""Entry point for ``python -m bench.tm``."""

from bench.tm.run import main

raise SystemExit(main())
