"""jobpack: a school trust's job descriptions and person specifications, kept as text, rendered to DOCX and PDF.

The library API mirrors the commands: `check` validates a trust folder, `build` renders it. The CLI in
`jobpack.cli` is a thin layer over these.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
