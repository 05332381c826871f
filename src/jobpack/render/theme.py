"""A school's theme: its template folders in lookup order, for the documents and for the website.

Lookup is file by file: `templates/schools/<school>/`, then the trust's `templates/`, then jobpack's
built-in templates; the website looks in the `site/` folder of each of those first, then in the document
folders (so pages can include the documents' partials). A school's override therefore changes its PDF,
its Word files and its web page alike. `Environments` holds one sandboxed Jinja environment per theme for
the length of one build, so each template is parsed once per build, not once per document.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from jobpack.render.lookup import BUILTIN_DIR, confined, trust_folders


@dataclass(frozen=True)
class Theme:
    """The template folders one school's documents and pages are rendered from, most specific first."""

    school_id: str  # "" for the trust-wide theme (the site's index page)
    document_dirs: tuple[Path, ...]
    site_dirs: tuple[Path, ...]

    @classmethod
    def for_school(cls, root: Path, school_id: str = "") -> Theme:
        """The theme of `school_id` in the trust at `root` (folders that do not exist are left out; a
        templates folder linked outside the trust is refused with a TemplateError)."""
        tiers = [root / "templates" / "schools" / school_id] if school_id else []
        tiers += [root / "templates", BUILTIN_DIR]
        documents = trust_folders(root, tiers)
        sites = trust_folders(root, [t / "site" for t in tiers])
        return cls(school_id, tuple(documents), tuple(sites) + tuple(documents))

    def digest(self) -> str:
        """A hash of every file that shapes this school's documents (not the website's templates, not
        other schools' overrides), so a template edit rebuilds exactly the posts it affects."""
        digest = hashlib.sha256()
        for folder in self.document_dirs:
            for path in sorted(folder.rglob("*")):
                parts = path.relative_to(folder).parts
                if "schools" in parts[:-1] or parts[0] == "site" or not path.is_file():
                    continue
                if not confined(folder, path):
                    continue  # refused when the template is used; never read here
                digest.update(path.relative_to(folder).as_posix().encode())
                digest.update(path.read_bytes())
        return digest.hexdigest()


@dataclass
class Environments:
    """One sandboxed Jinja environment per set of template folders, for the length of one build."""

    _made: dict[tuple[Path, ...], jinja2.Environment] = field(default_factory=dict)

    def get(self, dirs: tuple[Path, ...]) -> jinja2.Environment:
        from jobpack.render.html import make_environment

        if dirs not in self._made:
            self._made[dirs] = make_environment(list(dirs))
        return self._made[dirs]
