"""Where templates come from: a school's overrides, then the trust's, then jobpack's built-in ones.

The same order serves every format, file by file, so a trust can replace just `style.css` or just the
Word template of one document.
"""

from __future__ import annotations

from pathlib import Path

from jobpack.render import TemplateError

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "templates"


def template_dirs(trust_root: Path, school_id: str) -> list[Path]:
    """The template folders for one school, most specific first; folders that do not exist are left out."""
    candidates = [trust_root / "templates" / "schools" / school_id, trust_root / "templates", BUILTIN_DIR]
    return [d for d in candidates if d.is_dir()]


def find_template(dirs: list[Path], name: str) -> Path:
    """The first `name` found in `dirs`; a TemplateError listing where it looked if there is none."""
    for d in dirs:
        path = d / name
        if path.is_file():
            return path
    looked = ", ".join(str(d) for d in dirs) or "(no template folders)"
    raise TemplateError(name, None, f"template not found; looked in {looked}")
