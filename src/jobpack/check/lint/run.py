"""Running the lints over a checked trust: texts once where written, documents once per post, then the
trust's severities and the items' allows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jobpack.check.lint.equality import (
    SEARCH_LIMIT,
    PhraseSearch,
    all_terms,
    gender_finding,
    phrase_findings,
    slow_terms,
)
from jobpack.check.lint.findings import Finding
from jobpack.check.lint.plain import acronym_findings, defined_in, ease_finding, known_acronyms, sentence_findings
from jobpack.check.lint.safer import criterion_finding, statement_findings, vacancy_findings
from jobpack.check.lint.texts import Text, all_texts, block_texts, post_texts
from jobpack.errors import Problem, did_you_mean
from jobpack.load.models.lint import LINT_IDS, LintSettings

if TYPE_CHECKING:
    from collections.abc import Mapping

    from jobpack.compose.post import Item, ResolvedPost
    from jobpack.load import TrustFiles
    from jobpack.load.yamlfile import YamlDoc


class Linter:
    """The trust's lint settings, worked out once, and the lints of one set of texts or one post. `lint`
    runs it over the whole trust; the check run's per-post results (jobpack.build.units) run the same
    pieces one file at a time, so both find exactly the same."""

    def __init__(self, files: TrustFiles) -> None:
        assert files.trust is not None
        trust = files.trust.model
        self.settings: LintSettings = getattr(trust, "lints", None) or LintSettings()
        glossary = getattr(trust, "glossary", None) or {}
        self.terms = all_terms(self.settings.terms)
        self.term_ids = {t.id for t in self.terms}
        self.search = PhraseSearch(self.terms)
        self.known = known_acronyms(glossary, [trust.name, *(s.name for s in trust.schools)])

    def kept(self, findings: list[Finding]) -> list[Problem]:
        """Findings as problems, with the trust's severities and the items' allows applied."""
        problems = []
        for finding in findings:
            severity = self.settings.severity.of(finding.lint)
            if severity == "off" or (finding.text and finding.text.allowed(finding.lint, finding.term or "")):
                continue
            problems.append(_with(finding.problem, severity))
        return problems

    def texts(self, texts: list[Text]) -> tuple[list[Problem], list[Problem], list[Problem]]:
        """Unknown allows, flagged phrases and long sentences in `texts`, each text where it is written."""
        return (_allow_problems(texts, self.term_ids), self.kept(phrase_findings(texts, self.terms, self.search)),
                self.kept(sentence_findings(texts, self.settings.max_sentence_words)))

    def slow(self, files: TrustFiles) -> list[Problem]:
        """The trust's terms given up as too slow so far (see `_slow_problems`)."""
        return _slow_problems(files, self.settings, slow_terms(self.terms))

    def post(self, post: ResolvedPost, files: TrustFiles, index: dict[tuple[str, int | None], list[Text]]
             ) -> list[Problem]:
        """The per-document lints of one buildable post (`index` from `by_item`)."""
        return self.kept(_document_findings(post, files, index, self.settings, self.known))


def lint(files: TrustFiles, posts: Mapping[str, ResolvedPost]) -> list[Problem]:
    """Every lint's findings on a trust's files and its buildable posts, with the trust's severities and
    the items' allows applied."""
    if files.trust is None:
        return []
    linter = Linter(files)
    allow, phrases, sentences = linter.texts(all_texts(files))
    index = by_item([b.doc for b in files.blocks.values()] + [p.doc for p in files.posts.values()])
    documents = [p for post in posts.values() for p in linter.post(post, files, index)]
    problems = allow + linter.slow(files) + phrases + sentences + documents
    return list(dict.fromkeys(problems))  # a block's item reached through several posts: once


def _slow_problems(files: TrustFiles, settings: LintSettings, slow: list[str]) -> list[Problem]:
    """An error at each trust term whose pattern took too long to search (it was given up, so the check
    finished): a pattern that backtracks without end must be rewritten, never left to hang CI."""
    problems = []
    for index, term in enumerate(settings.terms):
        if term.id in slow:
            assert files.trust is not None
            line, column = files.trust.doc.where(("lints", "terms", index, "pattern"))
            problems.append(Problem(
                files.trust.doc.display, f"The pattern of the lint term '{term.id}' took more than {SEARCH_LIMIT} s "
                "to search one statement, so jobpack gave it up: patterns that repeat a repeat, such as (x+x+)+, "
                "can take for ever.", line, column,
                hint="Write the words to flag plainly, e.g. 'go-getter', with \\b for a word boundary."))
    return problems


def _with(problem: Problem, severity: str) -> Problem:
    from dataclasses import replace

    return replace(problem, severity=severity)


def by_item(docs: list[YamlDoc]) -> dict[tuple[str, int | None], list[Text]]:
    """Texts of blocks' and posts' files by (file, line of their item), the place a resolved Item remembers."""
    index: dict[tuple[str, int | None], list[Text]] = {}
    for doc in docs:
        index.update(item_index(doc, block_texts(doc) if doc.display.startswith("blocks/") else post_texts(doc)))
    return index


def item_index(doc: YamlDoc, texts: list[Text]) -> dict[tuple[str, int | None], list[Text]]:
    """`by_item` for one file whose texts are already read."""
    index: dict[tuple[str, int | None], list[Text]] = {}
    for text in texts:
        if text.kind in ("summary", "duties", "criteria"):
            key = (text.file, doc.where(text.path if text.kind == "summary" else text.entry or text.path)[0])
            index.setdefault(key, []).append(text)
    return index


def _texts_of(items: list[Item], index: dict[tuple[str, int | None], list[Text]]) -> list[Text]:
    return [t for item in items for t in index.get((item.file, item.line), [])]


def _document_findings(post: ResolvedPost, files: TrustFiles, index: dict[tuple[str, int | None], list[Text]],
                       settings: LintSettings, known: set[str]) -> list[Finding]:
    """Per-document lints for one post: its job description (summary and duties) and person specification."""
    doc = files.posts[post.id].doc
    found: list[Finding] = []
    known = known | defined_in(f"{post.title} {post.responsible_to} {post.line_manages}")  # printed above it all
    for name, items, keys in (("job description", post.summary + post.duties, ("duties", "summary")),
                              ("person specification", post.criteria, ("criteria",))):
        texts = _texts_of(items, index)
        key = next((k for k in (*keys, "extends", "title") if k in doc.data), None)
        line, column = doc.where((key,), key=True) if key else (1, 1)
        where = f"{name} of '{post.id}'"
        readable = [t for item in items for t in (item.alternatives or (item.text,))]
        for finding in (ease_finding(where, readable, settings.min_reading_ease, post.file, line, column),
                        gender_finding(where, [t.text for t in texts if not t.allowed("gender-coded")],
                                       post.file, line, column)):
            if finding is not None:
                found.append(finding)
        found += acronym_findings(texts, known)
    found += statement_findings(post, files)
    criterion = criterion_finding(post, files)
    if criterion is not None:
        found.append(criterion)
    return found + vacancy_findings(post)


def _allow_problems(texts: list[Text], term_ids: set[str]) -> list[Problem]:
    """An `allow:` naming a lint that does not exist would silently allow nothing: say so."""
    known = set(LINT_IDS) | term_ids
    problems = []
    for text in texts:
        if text.entry is None or not text.allow or text.path[-1] not in ("text", 0):
            continue  # each item once (its first text)
        for key, _ in text.allow:
            if key not in known:
                problems.append(text.doc.problem((*text.entry, "allow", key), f"'{key}' is not a lint jobpack knows.",
                                                 did_you_mean(key, known, "lint"), key=True))
    return problems


def allowances(files: TrustFiles) -> dict[tuple[str, int | None], dict[str, str]]:
    """(file, line of the item) -> the item's allow reasons and justification, for `jobpack show`."""
    notes: dict[tuple[str, int | None], dict[str, str]] = {}
    docs = [b.doc for b in files.blocks.values()] + [p.doc for p in files.posts.values()]
    for (file, line), texts in by_item(docs).items():
        text = texts[0]
        if text.allow or text.justification:
            notes[(file, line)] = {**{f"allowed ({k})": v for k, v in text.allow},
                                   **({"justification": text.justification} if text.justification else {})}
    return notes
