from __future__ import annotations

from desk.cli import main

raise SystemExit(main())
