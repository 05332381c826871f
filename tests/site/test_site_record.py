"""The site's record of its last build (publish/site/record.py): an unchanged trust's site is written again
from it, byte for byte and message for message, without validating or rendering; any change builds it in
full. And the documents are linked into the site, not copied, where the file system allows."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
from pathlib import Path

import pytest
from sitecheck import TODAY

import jobpack.build.incremental as incremental
import jobpack.publish.site as site_module
from jobpack.build.state import state_dir
from jobpack.publish.site import SiteReport, build_site
from jobpack.publish.site.record import KEPT, RECORD, maker_name
from jobpack.standardise.drift_site import consistency_pages

POST_FILE = "posts/oak/teaching-assistant.yaml"
DOCUMENT = "oak/teaching-assistant/teaching-assistant-job-pack.pdf"
ADDED_BLOCK = "blocks/unused.yaml"


def build(root: Path, site: str = "site", **kwargs) -> SiteReport:
    return build_site(root, root / site, root / "docs", jobs=1, today=kwargs.pop("today", TODAY), **kwargs)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def shown(report: SiteReport) -> tuple:
    """Everything a report says, but the time it took and the folder."""
    docs = report.documents
    return (report.posts, report.pages, report.open_vacancies, report.written, report.unchanged, report.removed,
            report.problems, docs.built, docs.unchanged, docs.failed,
            report.summary().replace(str(report.site_dir), "").rsplit(".", 2)[0])


def no_work(monkeypatch) -> None:
    """From here on, fail the test if the trust is validated or a page rendered."""

    def boom(*args, **kwargs):
        raise AssertionError("the site was worked out again")

    monkeypatch.setattr(incremental, "check", boom)
    monkeypatch.setattr(site_module, "site_files", boom)


def forget(root: Path) -> None:
    (state_dir(root) / RECORD).unlink()


@pytest.mark.parametrize("added", [None, consistency_pages], ids=["site", "consistency page"])
def test_an_unchanged_trust_is_published_from_the_record(site_trust, monkeypatch, added):
    root = site_trust()
    if added is not None:
        with (root / "trust.yaml").open("a", encoding="utf-8") as handle:
            handle.write("\nsite:\n  consistency_page: true\n")
    build(root, added_pages=added)
    state = state_dir(root)
    assert (state / RECORD).is_file() and (state / KEPT).is_file()
    (state / RECORD).rename(state / "aside")
    full = build(root, "full", added_pages=added)  # no record: built in full (and recorded: put the first back)
    (state / "aside").replace(state / RECORD)
    no_work(monkeypatch)
    again = build(root, "again", added_pages=added)
    assert snapshot(root / "again") == snapshot(root / "full")
    assert shown(again) == shown(full)
    assert any("sitemap" in p.message for p in again.problems)  # the warnings, as a full build gives them
    assert ("consistency.html" in again.pages) == (added is not None)
    rerun = build(root, "again", added_pages=added)
    assert rerun.written == [] and rerun.unchanged == full.written


@pytest.mark.parametrize("change", ["post", "template", "block", "today", "document", "maker"])
def test_any_change_builds_the_site_in_full(site_trust, change):
    root = site_trust()
    build(root)
    today = TODAY
    maker = None
    if change == "post":
        path = root / POST_FILE
        path.write_text(path.read_text("utf-8").replace("Teaching Assistant", "Senior Teaching Assistant"), "utf-8")
    elif change == "template":
        (root / "templates/site").mkdir(parents=True)
        (root / "templates/site/site.css").write_text("body { color: black; }\n", "utf-8")
    elif change == "block":
        (root / ADDED_BLOCK).write_text("area: pupils\nitems:\n  - id: x\n    text: Help pupils.\n", "utf-8")
    elif change == "today":
        today = TODAY + dt.timedelta(days=400)  # the vacancy has closed
    elif change == "document":
        (root / "docs" / DOCUMENT).write_bytes(b"%PDF-1.7 someone else's")
    else:
        def maker(checked, posts):  # not jobpack's own: never trusted to make the same pages again
            return []
        assert maker_name(maker) is None
    report = build(root, "again", today=today, added_pages=maker)
    if change != "maker":
        forget(root)
    full = build(root, "full", today=today, added_pages=maker)  # with no record
    assert snapshot(root / "again") == snapshot(root / "full")
    assert (report.posts, report.pages, report.open_vacancies, report.problems) == (
        full.posts, full.pages, full.open_vacancies, full.problems)
    if change == "post":
        assert b"Senior Teaching Assistant" in (root / "again/index.html").read_bytes()
    elif change == "today":
        assert report.open_vacancies == []
    elif change == "document":
        assert report.documents.built == ["oak/teaching-assistant"]  # rebuilt, then published


@pytest.mark.parametrize("damage", ["kept bytes", "record", "unsealed"])
def test_a_damaged_or_foreign_record_is_ignored(site_trust, damage, monkeypatch):
    root = site_trust()
    build(root)
    expected = snapshot(root / "site")
    state = state_dir(root)
    if damage == "kept bytes":
        (state / KEPT).write_bytes((state / KEPT).read_bytes()[:-10])
    elif damage == "record":
        (state / RECORD).write_text("{", "utf-8")
    else:
        data = json.loads((state / RECORD).read_text("utf-8"))
        data.pop("seal")
        (state / RECORD).write_text(json.dumps(data), "utf-8")
    build(root, "again")
    assert snapshot(root / "again") == expected
    no_work(monkeypatch)  # recorded again: the next build answers from it
    build(root, "third")
    assert snapshot(root / "third") == expected


def test_documents_are_linked_into_the_site(site_trust):
    root = site_trust()
    build(root)
    published, built = root / "site" / DOCUMENT, root / "docs" / DOCUMENT
    assert os.path.samefile(published, built)
    again = build(root)
    assert DOCUMENT in again.unchanged
    (root / "docs" / DOCUMENT).unlink()  # the build puts it back, a new file with the same bytes: unchanged
    report = build(root)
    assert report.documents.built == ["oak/teaching-assistant"] and DOCUMENT in report.unchanged
    path = root / POST_FILE
    path.write_text(path.read_text("utf-8").replace("Teaching Assistant", "Senior Teaching Assistant"), "utf-8")
    report = build(root)  # other bytes: the site links the new document
    assert DOCUMENT in report.written and os.path.samefile(published, built)


def test_documents_are_copied_where_they_cannot_be_linked(site_trust, monkeypatch):
    def cannot(*args, **kwargs):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", cannot)
    root = site_trust()
    build(root)
    published, built = root / "site" / DOCUMENT, root / "docs" / DOCUMENT
    assert published.read_bytes() == built.read_bytes() and not os.path.samefile(published, built)
    assert DOCUMENT in build(root).unchanged  # the same bytes: not written again
