"""Where templates come from: a school's overrides, then the trust's, then jobpack's built-in ones.

The same order serves every format, file by file, so a trust can replace just `style.css` or just the
Word template of one document. Templates come from pull requests, so a template is only ever read from
inside the folder it was found in: a link (symlink) that leads out of it is refused, never followed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from jobpack.load.boundary import confined
from jobpack.render import TemplateError

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "templates"

LINK_OUT = ("This template is a link (symlink) to a file outside its templates folder, and jobpack only reads "
            "templates that are inside it: replace the link with a copy of the file itself.")


def template_dirs(trust_root: Path, school_id: str) -> list[Path]:
    """The template folders for one school, most specific first; folders that do not exist are left out."""
    candidates = [trust_root / "templates" / "schools" / school_id, trust_root / "templates", BUILTIN_DIR]
    return trust_folders(trust_root, candidates)


def trust_folders(trust_root: Path, candidates: Iterable[Path]) -> list[Path]:
    """The `candidates` that exist, refusing a trust folder that is a link to somewhere outside the trust
    (everything inside a linked-out folder would otherwise count as "inside the templates folder")."""
    found = []
    for folder in candidates:
        if not folder.is_dir():
            continue
        if not confined(BUILTIN_DIR, folder) and not confined(trust_root, folder):
            raise TemplateError(str(folder), None, "This templates folder is a link (symlink) to a folder outside "
                                "the trust, and jobpack only reads templates inside the trust: replace the link "
                                "with the folder itself.")
        found.append(folder)
    return found


def find_template(dirs: list[Path], name: str) -> Path:
    """The first `name` found in `dirs`; a TemplateError listing where it looked if there is none, or
    naming the file if it is a link that leads out of its folder."""
    for d in dirs:
        path = d / name
        if path.is_file() or path.is_symlink():
            if not confined(d, path):
                raise TemplateError(str(path), None, LINK_OUT)
            if path.is_file():
                return path
    looked = ", ".join(str(d) for d in dirs) or "(no template folders)"
    raise TemplateError(name, None, f"template not found; looked in {looked}")
