"""`jobpack doctor` and `jobpack --version` say what jobpack runs on, and name the package and the apt-get
line for a missing Pango or font; a command that needs WeasyPrint on a machine without Pango says the same
plainly (exit 1), never WeasyPrint's traceback or "bug in jobpack"."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from click.testing import CliRunner

from jobpack import doctor
from jobpack.cli import main

NO_PANGO = ("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file: No such file "
            "or directory.  Additionally, ctypes.util.find_library() did not manage to locate a library called "
            "'libpango-1.0-0'")


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_doctor_says_what_is_in_use():
    result = invoke("doctor")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    for name in ("Python", "jobpack", "WeasyPrint", "Pango", "HarfBuzz subset", "Liberation Sans", "Symbola"):
        assert any(line.startswith(name + " ") for line in lines), name
    assert f"{sys.version_info.major}.{sys.version_info.minor}." in result.output
    assert "LiberationSans" in result.output and "Everything jobpack needs is installed." in result.output


def test_version_says_the_same(monkeypatch):
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.output.startswith("jobpack, version ")
    assert "\nPango " in result.output and "\nWeasyPrint " in result.output and "\nSymbola " in result.output


def test_a_missing_pango_is_named_with_its_apt_get_line(monkeypatch):
    def no_pango():
        raise OSError(NO_PANGO)

    monkeypatch.setattr(doctor, "weasyprint_libraries", no_pango)
    result = invoke("doctor")
    assert result.exit_code == 1
    assert "Pango            MISSING: WeasyPrint cannot load libpango-1.0-0" in result.output
    assert "  apt-get install -y libpango-1.0-0 libpangoft2-1.0-0\n" in result.output
    assert "Traceback" not in result.output
    version = invoke("--version")  # --version still answers, and says the same
    assert version.exit_code == 0 and "apt-get install -y libpango-1.0-0" in version.output


def test_missing_fonts_and_subsetter_are_named(monkeypatch):
    real = doctor.weasyprint_libraries()

    class NoSubset:
        pango = real.pango
        harfbuzz_subset = None

    monkeypatch.setattr(doctor, "weasyprint_libraries", lambda: NoSubset)
    monkeypatch.setattr(doctor, "font_file", lambda family: ("DejaVu Sans", "/usr/share/fonts/DejaVuSans.ttf"))
    result = invoke("doctor")
    assert result.exit_code == 1
    assert "Liberation Sans  MISSING: the PDFs would use DejaVu Sans (/usr/share/fonts/DejaVuSans.ttf)" in result.output
    assert "HarfBuzz subset  MISSING: WeasyPrint subsets fonts with fontTools" in result.output
    assert "  apt-get install -y libharfbuzz-subset0 fonts-liberation2 fonts-symbola\n" in result.output


def test_the_machine_s_fonts_are_found_through_fontconfig():
    family, file = doctor.font_file("Liberation Sans")
    assert family == "Liberation Sans" and Path(file).is_file()


def test_a_build_without_pango_says_so_plainly(tmp_path):
    """WeasyPrint's import fails as it does on a machine without Pango (cffi's OSError): the build says
    which package to install and exits 1."""
    script = textwrap.dedent(f"""
        import sys
        class NoPango:
            def find_spec(self, name, path=None, target=None):
                if name == "weasyprint" or name.startswith("weasyprint."):
                    print("WeasyPrint could not import some external libraries.")  # its own banner
                    raise OSError({NO_PANGO!r})
        sys.meta_path.insert(0, NoPango())
        from jobpack.cli import main
        main()
    """)
    from tests.conftest import REPO

    done = subprocess.run([sys.executable, "-c", script, "build", "westminster/learning-support-practitioner",
                           "--trust", str(REPO), "-o", str(tmp_path / "out"), "--force"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "WeasyPrint cannot load the system library libpango-1.0-0" in done.stderr
    assert "apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0" in done.stderr
    assert "Traceback" not in done.stderr and "bug in jobpack" not in done.stderr
