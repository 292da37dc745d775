"""Entry point for ``python -m bench.align``."""

from bench.align.run import main

raise SystemExit(main())
