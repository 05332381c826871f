"""`jobpack init`: a new trust repository that checks, builds and publishes before anyone edits it.

The starter files live in `jobpack/scaffold/` as ordinary files (so they can be read, diffed and tested
like any trust) and are copied, not rendered: their `{{ school.name }}` variables must reach the new trust
untouched. Only a few placeholders are replaced: `__TRUST_NAME__`, `__SCHOOL_NAME__`, `__SCHOOL_ID__` and
`__TODAY__`. Path parts starting with `dot-` become dot files (`dot-github` -> `.github`), so that packaging
tools and git never treat the scaffold's own `.gitignore` or `.github` as the jobpack project's.
"""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import yaml

from jobpack.atomic import make_folder, write_atomic
from jobpack.load.models.base import slugify

#: What makes a folder a trust already: `init` refuses to write into it.
TRUST_MARKERS = ("trust.yaml", "posts", "blocks")

YAML_SUFFIXES = (".yaml", ".yml")


class TrustExists(Exception):
    """The target folder already holds a trust (or part of one); nothing was written."""

    def __init__(self, target: Path, found: list[str]) -> None:
        self.target = target
        self.found = found
        super().__init__(f"{target} already holds a trust ({', '.join(found)}): nothing was written. "
                         "Choose a new or empty folder, or edit the trust that is there.")


def scaffold_root() -> Traversable:
    """The starter trust shipped inside the package (works from a wheel as well as a source tree)."""
    return resources.files("jobpack").joinpath("scaffold")


def _walk(folder: Traversable, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Traversable]]:
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        if entry.is_dir():
            found += _walk(entry, prefix + (entry.name,))
        else:
            found.append((prefix + (entry.name,), entry))
    return found


def yaml_scalar(value: str) -> str:
    """`value` as a YAML scalar that reads back as exactly `value` (quoted only when YAML needs it),
    so a name such as `St Mary's: Church of England` cannot break the file it is put into."""
    text = yaml.safe_dump(value, allow_unicode=True, width=10**6).removesuffix("\n...\n").rstrip("\n")
    if "\n" in text or yaml.safe_load(text) != value:
        text = yaml.safe_dump(value, allow_unicode=True, width=10**6, default_style='"').rstrip("\n")
    return text


def school_id_for(school_name: str) -> str:
    """The school's id: its name slugified, apostrophes dropped first ("St Mary's" -> "st-marys", not "st-mary-s")."""
    return slugify(school_name.replace("'", "").replace("\u2019", ""))


PLACEHOLDER = re.compile("__TRUST_NAME__|__SCHOOL_NAME__|__SCHOOL_ID__|__TODAY__")


def scaffold_files(trust_name: str, school_name: str, today: dt.date | None = None) -> dict[str, str]:
    """Relative path -> text of every file `init` writes (apart from the generated schemas/)."""
    trust_name, school_name = trust_name.strip(), school_name.strip()
    if not trust_name or not school_name:
        raise ValueError("The trust name and the school name must not be empty.")
    school_id = school_id_for(school_name)
    plain = {"__TRUST_NAME__": trust_name, "__SCHOOL_NAME__": school_name, "__SCHOOL_ID__": school_id,
             "__TODAY__": (today or dt.date.today()).isoformat()}
    quoted = {**plain, "__TRUST_NAME__": yaml_scalar(trust_name), "__SCHOOL_NAME__": yaml_scalar(school_name)}
    files: dict[str, str] = {}
    for parts, entry in _walk(scaffold_root()):
        rel = "/".join("." + p.removeprefix("dot-") if p.startswith("dot-") else p for p in parts)
        rel = rel.replace("__SCHOOL_ID__", school_id)
        text = entry.read_text(encoding="utf-8")
        values = quoted if rel.endswith(YAML_SUFFIXES) else plain
        # One pass: a name that itself contains a placeholder's text is written as given, never replaced again.
        files[rel] = PLACEHOLDER.sub(lambda m, values=values: values[m.group()], text)
    return {rel: files[rel] for rel in sorted(files, key=lambda r: (r.startswith("."), r != "trust.yaml", r))}


WORKFLOW = ".github/workflows/jobpack.yml"
SITE_JOB = re.compile(r"\n  site:\n.*?(?=\n  deploy:\n)", re.DOTALL)


def sharded_workflow(text: str, shards: int) -> str:
    """The scaffold's workflow with its `site` job split in two: a matrix of `shards` machines, each
    building its share of the posts (`jobpack build --shard I/N`), then one that merges them and builds
    the website from the merged folder."""
    numbers = ", ".join(str(n) for n in range(1, shards + 1))
    jobs = f"""
  documents:
    name: Build the job packs (shard ${{{{ matrix.shard }}}} of {shards})
    needs: check
    if: github.event_name != 'pull_request' && github.ref == 'refs/heads/main'
    runs-on: ubuntu-latest
    strategy:
      matrix:
        shard: [{numbers}]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: ${{{{ env.PYTHON_VERSION }}}}
      - name: Install the libraries and fonts for PDF rendering
        run: |
          sudo apt-get update
          sudo apt-get install -y --no-install-recommends \\
            libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 fonts-symbola
      - name: Install jobpack
        run: python -m pip install "$JOBPACK_SPEC"
      - name: jobpack build (this machine's share of the posts)
        run: jobpack build --shard ${{{{ matrix.shard }}}}/{shards} -o shard
      - uses: actions/upload-artifact@v4
        with:
          name: shard-${{{{ matrix.shard }}}}
          path: shard
          include-hidden-files: true

  site:
    name: Merge the shards and build the website
    needs: documents
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: ${{{{ env.PYTHON_VERSION }}}}
      - name: Install the libraries and fonts for PDF rendering
        run: |
          sudo apt-get update
          sudo apt-get install -y --no-install-recommends \\
            libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 fonts-symbola
      - name: Install jobpack
        run: python -m pip install "$JOBPACK_SPEC"
      - uses: actions/download-artifact@v4
        with:
          pattern: shard-*
          path: shards
      - name: jobpack merge
        run: jobpack merge shards/* -o output
      - name: jobpack site
        run: jobpack site
      - uses: actions/configure-pages@v5
      - uses: actions/upload-pages-artifact@v3
        with:
          path: output/site
"""
    merged, found = SITE_JOB.subn(jobs.rstrip("\n"), text)
    if found != 1:
        raise ValueError("the workflow template has no 'site' job to split")
    return merged


def init_trust(target: Path, trust_name: str, school_name: str, shards: int = 1) -> list[Path]:
    """Write a new trust repository into `target` (created if missing) and return the files written.

    Refuses (TrustExists, writing nothing) when `target` already has a trust.yaml, posts/ or blocks/, so an
    existing trust can never be overwritten. Other files already there (a README.md or .gitignore from
    creating the repository on GitHub, say) are kept; a kept .gitignore gains the lines the trust needs.
    """
    from jobpack.load.schema import write_schemas

    if target.exists() and not target.is_dir():
        raise NotADirectoryError(f"{target} is a file, not a folder: nothing was written.")
    found = [name + ("/" if (target / name).is_dir() else "") for name in TRUST_MARKERS if (target / name).exists()]
    if found:
        raise TrustExists(target, found)
    files = scaffold_files(trust_name, school_name)  # before any write: a bad name leaves no half-made trust
    if shards > 1:
        files[WORKFLOW] = sharded_workflow(files[WORKFLOW], shards)
    make_folder(target)  # a read-only or misplaced folder is reported before any file is written
    written = []
    for rel, text in files.items():
        path = target / rel
        if path.exists():
            if rel != ".gitignore":
                continue
            current = path.read_text(encoding="utf-8")
            missing = [line for line in text.splitlines() if line not in current.splitlines()]
            if not missing:
                continue
            text = current + ("" if current.endswith("\n") or not current else "\n") + "\n".join(missing) + "\n"
        write_atomic(path, text.encode("utf-8"))
        written.append(path)
    written += write_schemas(target / "schemas")
    return written


def kept_files(target: Path, written: list[Path], trust_name: str, school_name: str) -> list[str]:
    """Scaffold files that `init_trust` left alone because `target` already had them (for the report)."""
    done = {p.relative_to(target).as_posix() for p in written}
    return [rel for rel in scaffold_files(trust_name, school_name) if rel not in done]
