"""The readers behind desk.core.importer (one module per source format)."""
