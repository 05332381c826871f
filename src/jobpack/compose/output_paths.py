"""Where each post's documents go: one place that knows the folder, the file names and what each file is.

The build writes these files, the manifest records them, the clash check compares their folders, the site
links to them and messages name them — all from `PostOutputs`, so no module re-derives a path.
"""

from __future__ import annotations

from dataclasses import dataclass

DOCUMENT_KINDS = ("job-description", "person-specification")

FILES: tuple[tuple[str, str, str], ...] = (
    ("job-pack.pdf", "Job pack", "PDF"),
    ("job-description.pdf", "Job description", "PDF"),
    ("job-description.docx", "Job description", "Word"),
    ("person-specification.pdf", "Person specification", "PDF"),
    ("person-specification.docx", "Person specification", "Word"),
)
"""Document key, what it is, its format: in the order a post's page offers them."""


@dataclass(frozen=True)
class OutputFile:
    """One file a post produces."""

    key: str  # e.g. "job-description.pdf"
    label: str  # "Job description"
    format: str  # "PDF" or "Word"
    name: str  # e.g. "teaching-assistant-job-description.pdf": file names carry the post, so downloads differ
    path: str  # relative to the output folder: <school>/<post-slug>/<name>


@dataclass(frozen=True)
class PostOutputs:
    """A post's output folder (relative to the output root) and its files."""

    post_id: str
    school: str
    slug: str
    files: tuple[OutputFile, ...]

    @property
    def folder(self) -> str:
        return f"{self.school}/{self.slug}"

    def file(self, key: str) -> OutputFile:
        return next(f for f in self.files if f.key == key)

    def names(self) -> dict[str, str]:
        """Document key -> file name."""
        return {f.key: f.name for f in self.files}

    def paths(self) -> list[str]:
        return [f.path for f in self.files]


FORM_FORMATS = {".docx": "Word", ".pdf": "PDF"}
"""An application form a vacancy publishes beside its pack: its suffix -> format."""


def post_outputs(post_id: str, school: str, slug: str, documents: tuple[str, ...] = DOCUMENT_KINDS,
                 form: str = "") -> PostOutputs:
    """The outputs of the post `post_id` of `school`, whose file-name stem is `slug`: the files of the
    `documents` it has, the job pack (which holds whichever documents exist), and, when `form` is the suffix
    of the vacancy's application form (".docx"), that form, copied from the trust."""
    folder = f"{school}/{slug}"
    files = tuple(OutputFile(key, label, fmt, f"{slug}-{key}", f"{folder}/{slug}-{key}") for key, label, fmt in FILES
                  if key == "job-pack.pdf" or key.rsplit(".", 1)[0] in documents)
    if form in FORM_FORMATS:
        key = f"application-form{form}"
        files += (OutputFile(key, "Application form", FORM_FORMATS[form], f"{slug}-{key}", f"{folder}/{slug}-{key}"),)
    return PostOutputs(post_id, school, slug, files)


def file_names(slug: str) -> dict[str, str]:
    """Document key -> file name, for a post whose file-name stem is `slug`."""
    return {key: f"{slug}-{key}" for key, _, _ in FILES}
