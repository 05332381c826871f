"""`jobpack import`: a school's existing job descriptions (Word, PDF, text) become draft posts built from
the trust's blocks.

Takes Word, PDF and text files and the loaded trust; gives draft post YAML (checked with the trust before
it is written) and a report of what was matched. Beside the stages: it uses load, compose and check.

read_docx / read_pdf / read_text  ->  source.Source (located paragraphs and table rows)
recognise  ->  key facts, summary, duties by area, criteria by category, clauses, signatures, boilerplate
decide (with match)  ->  each statement: a block item, the school's own wording, a clause, a repeat
facts  ->  school, grade, hours; the stated salary checked      draft  ->  the post's YAML, with comments
The library API is `import_files`; the CLI (cli/importer.py) only presents its results (report.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from jobpack.compose.terms import spines_of
from jobpack.errors import InvalidTrust, Problem
from jobpack.importer.account import account
from jobpack.importer.decide import Decider, Decision
from jobpack.importer.draft import DraftWriter
from jobpack.importer.facts import find_school, work_out_terms
from jobpack.importer.match import Library
from jobpack.importer.order import positions
from jobpack.importer.read_docx import read_docx
from jobpack.importer.read_pdf import read_pdf
from jobpack.importer.read_text import read_text
from jobpack.importer.recognise import Noted, recognise
from jobpack.importer.result import FileResult
from jobpack.importer.shared import share
from jobpack.importer.source import ImportRefused, Para, Source
from jobpack.load import TrustFiles, load_trust_files
from jobpack.load.models.base import slugify
from jobpack.load.models.post import Post
from jobpack.load.models.trust import Trust

READERS = {".docx": read_docx, ".pdf": read_pdf, ".txt": read_text, ".md": read_text, ".text": read_text}


@dataclass
class Options:
    school: str | None = None
    into: Path | None = None
    profile: str | None = None
    force: bool = False
    use_at: int | None = None
    near_at: int | None = None
    dry_run: bool = False
    one_post: bool = False  # the files are parts of one post (its job description and person specification)
    pay_year: str | None = None  # the pay year the stated salaries are in (found among the trust's when not given)


def read(path: Path) -> Source:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ImportRefused(f"{path.name}: jobpack imports .docx, .pdf, .txt and .md files; save it as one of those.")
    return reader(path)


def _profile_items(files: TrustFiles, library: Library, profile: str) -> dict[str, str]:
    """Item id -> where, for every item the role profile gives (its own and its blocks')."""
    loaded = files.posts.get(profile)
    found: dict[str, str] = {}
    if loaded is None:
        return found

    def block_ids(block: str, seen: frozenset[str]) -> list[str]:
        if block in seen or block not in files.blocks:
            return []
        ids = []
        for entry in files.blocks[block].model.items:
            ids += block_ids(entry.use, seen | {block}) if entry.use else [entry.id] if entry.id else []
        return ids

    for lists in (loaded.model.duties, loaded.model.criteria):
        for entries in lists.values():
            for entry in entries:
                if entry.use:
                    ids = entry.only or [i for i in block_ids(entry.use, frozenset()) if i not in entry.omit]
                    found.update({i: f"{loaded.file}, use: {entry.use}" for i in ids})
                elif entry.id:
                    found[entry.id] = loaded.file
    return found


class Importer:
    def __init__(self, root: Path, options: Options) -> None:
        self.root = root.resolve()
        self.options = options
        self.files = load_trust_files(self.root)
        errors = [p for p in self.files.problems if p.severity == "error"]
        if self.files.trust is None or errors:
            raise InvalidTrust(errors or self.files.problems)
        self.trust: Trust = self.files.trust.model
        self.library = Library(self.files)
        if options.profile:
            profile = options.profile.removeprefix("posts/").removesuffix(".yaml")
            if "/" not in profile:
                profile = f"profiles/{profile}"
            loaded = self.files.posts.get(profile)
            if loaded is None or not loaded.model.profile:
                known = ", ".join(k for k, v in self.files.posts.items() if v.model.profile) or "none"
                raise InvalidTrust(
                    [
                        Problem(
                            "--profile",
                            f"There is no role profile '{options.profile}'.",
                            None,
                            None,
                            f"Role profiles in this trust: {known}.",
                        )
                    ]
                )
            self.profile: str | None = profile
        else:
            self.profile = None
        if options.school and options.school not in {s.id for s in self.trust.schools}:
            known = ", ".join(s.id for s in self.trust.schools)
            raise InvalidTrust(
                [
                    Problem(
                        "--school",
                        f"There is no school '{options.school}' in trust.yaml.",
                        None,
                        None,
                        f"Schools: {known}.",
                    )
                ]
            )
        if options.pay_year:
            self._check_pay_year(options.pay_year)
        self.planned: set[Path] = set()
        self.shared: list = []  # blocks a batch's documents share with each other (importer/shared.py)
        self.trust_wide = self._trust_wide()

    def _check_pay_year(self, year: str) -> None:
        known = sorted({y for years in spines_of(self.trust.pay).values() for y in years})
        if year not in known:
            raise InvalidTrust([Problem("--pay-year", f"There is no pay year '{year}' in the trust's pay spines.",
                                        None, None, f"Pay years: {', '.join(known) or 'none'}.")])

    def _trust_wide(self) -> dict[str, str]:
        """Item id -> 'trust.yaml criteria' for the criteria every post gets from trust.yaml."""
        found: dict[str, str] = {}
        for entries in self.trust.criteria.values():
            for entry in entries:
                if entry.use:
                    ids = entry.only or [i for i in self.library.block_items.get(entry.use, []) if i not in entry.omit]
                    found.update({i: "trust.yaml criteria: every post has it" for i in ids})
                elif entry.id:
                    found[entry.id] = "trust.yaml criteria: every post has it"
        return found

    def one(self, paths: list[Path]) -> FileResult:
        path = paths[0]
        result = FileResult(path)
        try:
            sources = [read(p) for p in paths]
        except ImportRefused as exc:
            result.refused = str(exc)
            return result
        source = sources[0]
        if len(sources) > 1:  # one post in several files: every place names its file
            source = Source(path, "parts", [replace(e, where=f"{s.path.name} {e.where}") for s in sources
                                            for e in s.elements])
        rec = recognise(source, self.trust)
        result.recognised = rec
        inherited = _profile_items(self.files, self.library, self.profile) if self.profile else {}
        inherited.update(self.trust_wide)
        decider = Decider(self.trust, self.library, inherited)
        decider.thresholds(self.options.use_at, self.options.near_at)
        result.decisions = [decider.decide(s) for s in rec.statements]
        result.account = account(source, rec, result.decisions)
        result.source = source
        kept = [d for d in result.decisions if d.outcome in ("use", "near", "own")
                or d.outcome == "section" and not d.statement.own_section]
        if not kept and not [d for d in result.decisions if d.outcome in ("summary", "inherited")]:
            result.refused = (
                f"{path.name} does not look like a job description: no duties or person-specification "
                "criteria were found in it."
            )
            return result
        texts = [e.text for e in source.elements if isinstance(e, Para)]
        school, school_note = (
            (self.options.school, "given with --school") if self.options.school else find_school(self.trust, rec, texts)
        )
        if school is None:
            known = ", ".join(s.id for s in self.trust.schools)
            result.refused = (
                f"{path.name}: which school is this post at? The document does not name one of the "
                f"trust's schools. Say which with --school (one of: {known})."
            )
            return result
        terms = work_out_terms(self.trust, rec, school, self.options.pay_year)
        terms.school_note = school_note
        result.terms = terms
        title_fact = rec.facts.get("title") or rec.title or rec.first_heading
        title = title_fact.value if title_fact else path.stem.replace("_", " ")
        source_name = " and ".join(p.name for p in paths)
        title_note = (
            f"from {title_fact.where}"
            if title_fact and title_fact.where
            else ("" if title_fact else "the document gives no title: this is the file's name")
        )
        school_name = next(s.name for s in self.trust.schools if s.id == school)
        names = {school_name: "{{ school.name }}", self.trust.name: "{{ trust.name }}"}
        if self.profile:
            matched = {d.match.candidate.item for d in result.decisions if d.outcome == "inherited" and d.match}
            own_profile_ids = {i for i, where in inherited.items() if ", use:" not in where}
            result.inherited_omits = [i for i in inherited if i not in matched and i not in own_profile_ids
                                      and i not in self.trust_wide]
        left_out = [] if rec.signatories else [f"{n.where}: {n.why}: {n.text[:90]}" for n in rec.signatures]
        left_out += [
            f"{d.statement.where}: {self._clause_words(d)}: {d.statement.text[:90]}"
            for d in result.decisions
            if d.outcome in ("clause", "repeat", "inherited")
        ]
        physical = list(dict.fromkeys(p for p, _ in rec.physical))
        resp = rec.facts.get("responsible_to")
        manages = rec.facts.get("line_manages")

        def redraw() -> str:
            """The draft's text from the decisions as they stand (again after a batch shares blocks)."""
            writer = DraftWriter(self.trust, self.library, names)
            writer.own_sections = rec.own_sections
            writer.signatories = list(rec.signatories)
            writer.signature_documents = list(rec.signature_documents)
            writer.safer = {k: v for k, (v, _) in rec.safer.items()}
            writer.positions = positions(rec, self.trust)
            if self.profile:
                model = self.files.posts[self.profile].model
                writer.profile_items = {"duties": bool(model.duties), "criteria": bool(model.criteria)}
            return writer.write(source_name, terms, title, title_note, result.decisions,
                                resp.value if resp else None, manages.value if manages else None, physical,
                                self.profile, result.inherited_omits, left_out).text

        result.redraw = redraw
        result.names = names
        result.text = redraw()
        folder = self._folder(school)
        target = folder / f"{slugify(title)[:80]}.yaml"
        n = 2
        while target in self.planned:
            target = folder / f"{slugify(title)[:80]}-{n}.yaml"
            n += 1
        self.planned.add(target)
        result.post_file = target
        result.post_id = target.relative_to(self.root / "posts").with_suffix("").as_posix()
        self._validate(result)
        return result

    @staticmethod
    def _clause_words(d: Decision) -> str:
        if d.outcome == "clause":
            return f"the trust's clause '{d.note}'" if " " not in d.note else d.note
        if d.outcome == "repeat":
            return d.note
        return d.note or "the role profile has it"

    def _folder(self, school: str) -> Path:
        posts = self.root / "posts"
        folder = self.options.into if self.options.into is not None else posts / school
        folder = (folder if folder.is_absolute() else self.root / folder).resolve()  # relative: in the trust
        if folder != posts and posts not in folder.parents:
            raise InvalidTrust(
                [
                    Problem(
                        "--into",
                        f"{folder} is not inside the trust's posts folder ({posts}).",
                        None,
                        None,
                        "Write drafts into posts/<school>/ so jobpack check reads them.",
                    )
                ]
            )
        return folder

    def _validate(self, result: FileResult) -> None:
        """The draft must be a valid post file before it is written (a failure here is a bug in jobpack)."""
        import yaml

        data = yaml.safe_load(result.text)
        Post.model_validate(data)


def import_files(root: Path, paths: list[Path], options: Options) -> tuple[list[FileResult], list[Problem]]:
    """Import every file; write the drafts (all or nothing) and run `jobpack check` on them. Returns each
    file's result and the problems check finds in the drafts."""
    from jobpack.atomic import write_files
    from jobpack.build.orchestrate import check

    importer = Importer(root, options)
    results = [importer.one(paths)] if options.one_post and paths else [importer.one([p]) for p in paths]
    shared = share(importer, results) if not options.one_post else []
    importer.shared = shared
    writable = {r.post_file: r.text.encode("utf-8") for r in results if r.post_file and not r.refused}
    writable.update({b.file: b.text.encode("utf-8") for b in shared})
    for result in results:
        if result.post_file and result.post_file.exists() and not options.force and not options.dry_run:
            result.refused = (
                f"{_shown(result.post_file, importer.root)} already exists: nothing was written "
                "for this file. Use --force to replace it, or --into another folder."
            )
            writable.pop(result.post_file, None)
    if options.dry_run or not writable:
        return results, []
    write_files(writable)
    checked = check(importer.root)
    shown = {_shown(p, importer.root): r for r in results if (p := r.post_file) and p in writable}
    problems = [p for p in checked.problems if p.file in shown or any(c in shown for c in p.chain)]
    for problem in problems:
        owner = shown.get(problem.file)
        if owner:
            owner.problems.append(problem)
    return results, problems


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


__all__ = ["FileResult", "ImportRefused", "Noted", "Options", "import_files"]
