"""Which templates there are, which one each school uses, and copying a built-in one out to change it.

A trust restyles its documents by putting a file of the same name in `templates/` (every school) or
`templates/schools/<id>/` (one school). `jobpack templates list` shows, per school, which file wins for each
name; `jobpack templates copy` starts an override from jobpack's own file, so nobody has to find it inside
the installed package.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jobpack.atomic import inside, write_atomic
from jobpack.errors import InvalidTrust, Problem, did_you_mean
from jobpack.load.models.trust import Trust
from jobpack.render.lookup import BUILTIN_DIR, confined, trust_folders


def builtin_names() -> list[str]:
    """Every built-in template, as its name relative to the templates folder (`site/post.html`, ...)."""
    return sorted(p.relative_to(BUILTIN_DIR).as_posix() for p in BUILTIN_DIR.rglob("*")
                  if p.is_file() and not p.name.startswith(".") and p.suffix in (".html", ".css", ".docx", ".js"))


@dataclass(frozen=True)
class Used:
    """Which file a school's documents or pages use for one template name."""

    name: str  # e.g. "style.css" or "site/post.html"
    source: str  # "built in", "templates/style.css" or "templates/schools/leap/style.css"


def used_by(root: Path, school_id: str) -> list[Used]:
    """For each template name (built-in ones, and any the trust adds, such as extra.css), the file that
    `school_id` uses: its own override, else the trust's, else jobpack's."""
    tiers = trust_folders(root, [root / "templates" / "schools" / school_id, root / "templates"])
    names = set(builtin_names())
    for tier in tiers:
        for path in tier.rglob("*"):
            rel = path.relative_to(tier)
            if path.is_file() and "schools" not in rel.parts[:-1] and path.suffix in (".html", ".css", ".docx", ".js"):
                names.add(rel.as_posix())
    out = []
    for name in sorted(names):
        source = "built in"
        for tier in tiers:
            path = tier / name
            if path.is_file() and confined(tier, path):
                source = path.relative_to(root).as_posix()
                break
        out.append(Used(name, source))
    return out


def copy_template(root: Path, trust: Trust, name: str, school_id: str | None = None, force: bool = False) -> Path:
    """Copy the built-in template `name` into the trust's templates/ (or templates/schools/<school_id>/)
    and return where it went. InvalidTrust, with what to do, for an unknown name or school, or a file that is
    already there (unless `force`)."""
    names = builtin_names()
    if name not in names:
        raise InvalidTrust([Problem("(command line)", f"'{name}' is not one of jobpack's templates.",
                                    hint=did_you_mean(name, names, "template"))])
    schools = [s.id for s in trust.schools]
    if school_id is not None and school_id not in schools:
        raise InvalidTrust([Problem("(command line)", f"There is no school '{school_id}' in trust.yaml.",
                                    hint=did_you_mean(school_id, schools, "school"))])
    folder = f"templates/schools/{school_id}" if school_id else "templates"
    target = inside(root, f"{folder}/{name}")
    if target.exists() and not force:
        raise InvalidTrust([Problem(f"{folder}/{name}", "This template is already in the trust; jobpack did not "
                                    "overwrite it.", hint="Edit it as it is, or add --force to replace it with "
                                    "jobpack's built-in version (your changes to it are then lost).")])
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, (BUILTIN_DIR / name).read_bytes())
    return target
