"""Entry point for ``python -m bench.io``."""

from bench.io.run import main

raise SystemExit(main())
