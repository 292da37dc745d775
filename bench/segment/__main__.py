"""Entry point for ``python -m bench.segment``."""

from bench.segment.run import main

raise SystemExit(main())
