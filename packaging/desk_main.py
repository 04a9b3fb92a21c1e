"""The bundle's entry point: the same `desk` command line as the installed script."""

from desk.launch import main

raise SystemExit(main())
