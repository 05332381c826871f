"""Any text the importer is given either becomes a valid draft post or is refused with a message: no
crash on odd mixtures of headings, tabs, HTML fragments, markers and control characters."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobpack.importer import Importer, Options

from .conftest import REPO

PIECES = [
    "Job Description", "Person Specification", "Support for pupils", "Qualifications", "Experience",
    "Essential\tDesirable\tHow assessed", "Job Title\tTeaching Assistant", "Grade:\tBand D SCP 9-17",
    "Hours:\t32.5 hours, term time only", "- To maintain pupils' interests and motivation.",
    "- GCSE English and maths (D)", "OR", "<ul><li>Able communicator</li></ul>", "<input checked type=checkbox/>",
    "Signed: ____", "What does the job require?", "\t\t\t", "1.", "# Heading", "{{ school.nmae }}", "£26,409",
    "The school is committed to safeguarding and promoting the welfare of children.", "x: y: z", "\u202e",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), min_size=1, max_size=40))
def test_any_text_is_drafted_or_refused(tmp_path: Path, lines: list[str]) -> None:
    path = tmp_path / "pack.txt"
    path.write_bytes("\n".join(lines).encode("utf-8", "replace"))  # lone surrogates become '?'

    result = Importer(REPO, Options(school="elm-tree", dry_run=True)).one([path])
    assert result.refused or result.text.startswith("# Drafted by 'jobpack import'")
