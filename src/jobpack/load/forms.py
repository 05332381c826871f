"""A vacancy's application form, checked before it is published beside the job pack.

The form comes from a pull request and goes to every candidate who downloads it, so it is read only from
inside the trust and must be what it claims: a Word document (.docx: a zip holding Word's parts and no
macros) or a PDF with nothing in it that runs or launches anything (no JavaScript, launch actions or
embedded files). Anything else is refused with a message saying what to do.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from jobpack.load.boundary import OutsideTrust, inside_trust

MAX_FORM_BYTES = 10_000_000
FORM_SUFFIXES = (".docx", ".pdf")
_PDF_ACTIVE = ("/JavaScript", "/JS", "/Launch", "/EmbeddedFiles", "/EmbeddedFile", "/RichMedia", "/SubmitForm",
               "/ImportData", "/GoToR")


class FormError(ValueError):
    """Why an application form cannot be published, in words for the person who added it."""


def load_form(root: Path, written: str) -> bytes:
    """The bytes of the application form `written` (relative to the trust folder), checked; FormError if not."""
    try:
        path = inside_trust(root, written)
    except OutsideTrust as exc:
        raise FormError(f"The application form {exc}.") from exc
    suffix = path.suffix.lower()
    if suffix not in FORM_SUFFIXES:
        raise FormError(f"The application form '{written}' is not a .docx or .pdf file: save it from Word as a "
                        "Word document (.docx, not .doc or .docm) or as PDF.")
    if not path.is_file():
        raise FormError(f"There is no application form '{written}' in the trust.")
    if path.stat().st_size > MAX_FORM_BYTES:
        raise FormError(f"The application form '{written}' is {path.stat().st_size:,} bytes; it can be at most "
                        f"{MAX_FORM_BYTES:,} bytes.")
    data = path.read_bytes()
    (_check_docx if suffix == ".docx" else _check_pdf)(data, written)
    return data


def _check_docx(data: bytes, written: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = {n.lower() for n in archive.namelist()}
            types = archive.read("[Content_Types].xml") if "[content_types].xml" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError) as exc:
        raise FormError(f"The application form '{written}' is not a Word document jobpack can read (it may be "
                        "damaged, or another kind of file renamed): save it again from Word as .docx.") from exc
    if b"wordprocessingml" not in types:
        raise FormError(f"The application form '{written}' is not a Word document: save it again from Word as .docx.")
    if any(n.endswith("vbaproject.bin") for n in names) or b"macroEnabled" in types:
        raise FormError(f"The application form '{written}' contains macros, which candidates' computers would be "
                        "asked to run: save it from Word as a plain Word document (.docx).")


def _check_pdf(data: bytes, written: str) -> None:
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            found = next((key for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary)
                          for key in _PDF_ACTIVE if key in obj), "")
            if not found and "/Names" in pdf.Root:
                found = next((k for k in _PDF_ACTIVE if k in pdf.Root.Names), "")
    except pikepdf.PdfError as exc:
        raise FormError(f"The application form '{written}' is not a PDF jobpack can read: export it again as "
                        "PDF.") from exc
    if found:
        raise FormError(f"The application form '{written}' contains {found[1:]}, which could run code or open "
                        "other files on candidates' computers: export it again as a plain PDF.")
