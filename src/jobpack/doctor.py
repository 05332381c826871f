"""What jobpack runs on, for `jobpack doctor` and `jobpack --version`: Python, jobpack, WeasyPrint, Pango,
HarfBuzz (and its subsetter) and the two fonts the templates use, each with the Debian/Ubuntu package that
provides it, so a missing one is named with the apt-get line instead of WeasyPrint's own traceback.

Nothing here imports WeasyPrint at module level: `--help` stays instant, and a machine without Pango can
still be asked what it lacks. `weasyprint_libraries` and `font_file` are the two places that touch the
system, so tests replace them to show what a machine without Pango or the fonts is told.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib.metadata
import io
import platform
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jobpack import __version__

PANGO_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0"
"""What WeasyPrint's libraries come from (they bring GLib, HarfBuzz and fontconfig with them)."""
FONTS = (("Liberation Sans", "fonts-liberation2"), ("Symbola", "fonts-symbola"))
"""The templates' font, and the one for the symbols and emoji it lacks: both are embedded in every PDF."""


@dataclass(frozen=True)
class Part:
    """One thing jobpack runs on: what is in use (None when it is missing), and how to get it."""

    name: str
    found: str | None
    package: str = ""  # the Debian/Ubuntu package(s) to install when it is missing
    why: str = ""  # what goes wrong without it

    @property
    def ok(self) -> bool:
        return self.found is not None


def weasyprint_libraries() -> Any:
    """WeasyPrint's handle on Pango, HarfBuzz and fontconfig (weasyprint.text.ffi); OSError when a system
    library is missing. WeasyPrint prints a banner of its own before raising: it is kept off the terminal."""
    with contextlib.redirect_stdout(io.StringIO()):
        from weasyprint.text import ffi
    return ffi


def font_file(family: str) -> tuple[str, str] | None:
    """(family, file) of the font fontconfig gives for `family`, as WeasyPrint will find it; None when
    fontconfig cannot be asked."""
    try:
        fc = ctypes.CDLL("libfontconfig.so.1")
    except OSError:
        return _fc_match(family)
    fc.FcNameParse.restype = ctypes.c_void_p
    fc.FcNameParse.argtypes = [ctypes.c_char_p]
    fc.FcConfigSubstitute.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int]
    fc.FcDefaultSubstitute.argtypes = [ctypes.c_void_p]
    fc.FcFontMatch.restype = ctypes.c_void_p
    fc.FcFontMatch.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)]
    fc.FcPatternGetString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int,
                                      ctypes.POINTER(ctypes.c_char_p)]
    fc.FcPatternDestroy.argtypes = [ctypes.c_void_p]
    pattern = fc.FcNameParse(family.encode())
    if not pattern:
        return None
    fc.FcConfigSubstitute(None, pattern, 0)  # FcMatchPattern
    fc.FcDefaultSubstitute(pattern)
    result = ctypes.c_int()
    match = fc.FcFontMatch(None, pattern, ctypes.byref(result))
    fc.FcPatternDestroy(pattern)
    if not match:
        return None
    values = []
    for key in (b"family", b"file"):
        value = ctypes.c_char_p()
        values.append((value.value or b"").decode(errors="replace")
                      if fc.FcPatternGetString(match, key, 0, ctypes.byref(value)) == 0 else "")
    fc.FcPatternDestroy(match)
    return values[0], values[1]


def _fc_match(family: str) -> tuple[str, str] | None:
    if shutil.which("fc-match") is None:
        return None
    done = subprocess.run(["fc-match", "-f", "%{family[0]}\t%{file}", family], capture_output=True, text=True,
                          check=False, timeout=30)
    found, _, file = done.stdout.partition("\t")
    return (found, file) if done.returncode == 0 and found else None


def _harfbuzz_version() -> str:
    try:
        harfbuzz = ctypes.CDLL("libharfbuzz.so.0")
        harfbuzz.hb_version_string.restype = ctypes.c_char_p
        return harfbuzz.hb_version_string().decode()
    except (OSError, AttributeError):
        return "(version unknown)"


def parts() -> list[Part]:
    """Everything jobpack runs on, in the order `jobpack doctor` lists it."""
    found = [Part("Python", f"{platform.python_version()} ({sys.executable})"),
             Part("jobpack", f"{__version__} ({Path(__file__).resolve().parent})")]
    try:
        weasyprint = importlib.metadata.version("weasyprint")
    except importlib.metadata.PackageNotFoundError:
        weasyprint = None
    found.append(Part("WeasyPrint", weasyprint, why="jobpack writes the PDFs with it (pip install -e . installs it)"))
    try:
        ffi = weasyprint_libraries()
    except OSError as exc:
        found.append(Part("Pango", None, PANGO_PACKAGES, f"WeasyPrint cannot load {_library(exc)}, so no PDF can be "
                          "written"))
        ffi = None
    except ImportError:
        found.append(Part("Pango", None, why="WeasyPrint is not installed, so Pango cannot be asked"))
        ffi = None
    if ffi is not None:
        number = ffi.pango.pango_version()
        found.append(Part("Pango", f"{number // 10000}.{number // 100 % 100}.{number % 100}"))
        subset = getattr(ffi, "harfbuzz_subset", None) is not None
        found.append(Part("HarfBuzz subset", f"HarfBuzz {_harfbuzz_version()}, with hb-subset" if subset else None,
                          "libharfbuzz-subset0", "WeasyPrint subsets fonts with fontTools instead: about 1.6x "
                          "slower, and the current time is stamped into every PDF"))
    for family, package in FONTS:
        match = font_file(family)
        if match is None:
            found.append(Part(family, None, package, "fontconfig could not be asked which font is in use"))
        elif match[0].casefold() != family.casefold():
            found.append(Part(family, None, package, f"the PDFs would use {match[0]} ({match[1]}) instead"))
        else:
            found.append(Part(family, match[1]))
    return found


def report(found: list[Part]) -> list[str]:
    """One line per part, then, when something is missing, the apt-get line that installs it."""
    width = max(len(part.name) for part in found) + 2
    lines = [f"{part.name:<{width}}{part.found}" if part.ok else f"{part.name:<{width}}MISSING: {part.why}"
             for part in found]
    packages = " ".join(dict.fromkeys(p.package for p in found if not p.ok and p.package))
    if packages:
        lines += ["", "Install what is missing (put sudo in front if you are not root), then run 'jobpack doctor' "
                  "again:", f"  apt-get install -y {packages}"]
    elif all(part.ok for part in found):
        lines += ["", "Everything jobpack needs is installed."]
    return lines


def _library(exc: BaseException) -> str:
    named = re.search(r"cannot load library '([^']+)'", str(exc))
    return named.group(1) if named else "a system library"


def missing_library(exc: BaseException) -> str | None:
    """The plain message for WeasyPrint failing to load Pango (or a library Pango needs); None for any
    other error."""
    if not isinstance(exc, OSError) or "cannot load library" not in str(exc):
        return None
    return (f"jobpack writes PDFs with WeasyPrint, and WeasyPrint cannot load the system library {_library(exc)} "
            "(Pango, or a library it needs). Install Pango (put sudo in front if you are not root):\n"
            f"  apt-get install -y {PANGO_PACKAGES} libharfbuzz-subset0\n"
            "then run the command again; 'jobpack doctor' says what is in use.")
