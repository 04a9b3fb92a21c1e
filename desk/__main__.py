from __future__ import annotations

from desk.launch import main

raise SystemExit(main())
