"""Checks that need more than one file: unique ids, pay, hours, output paths.

`validate(root)` is the whole of validation: load every file, check the trust, resolve every post, and
return the resolved posts together with every problem found. The lints (lint/) and the templates' verdicts
(render/verify) are called beside it by the check orchestrator, `jobpack.build.check.check`, which
`jobpack check` and `jobpack build` use: validation never calls the stages after it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from jobpack.check.pay_year import stale_pay_year
from jobpack.check.teaching_vacancies import contract_problems
from jobpack.compose.resolve import ResolvedPost, Resolver
from jobpack.compose.terms import Terms, field_issues, work_out
from jobpack.compose.variables import VARIABLE_NAMES, text_problems, unknown_references
from jobpack.errors import Problem, did_you_mean
from jobpack.load import Loaded, TrustFiles, load_trust_files
from jobpack.load.forms import FormError, load_form
from jobpack.load.logos import Logo, LogoError, load_logo
from jobpack.load.models.post import Post
from jobpack.load.models.trust import Trust


@dataclass
class Checked:
    """The outcome of validation: every buildable post, and every problem (errors and warnings)."""

    files: TrustFiles
    posts: dict[str, ResolvedPost] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    logos: dict[str, Logo] = field(default_factory=dict)  # school id -> its checked logo
    claims: dict[str, tuple[list[str], str | None]] = field(default_factory=dict)  # see _output_clashes

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def trust(self) -> Trust:
        assert self.files.trust is not None
        return self.files.trust.model



def _duplicates(loaded: Loaded[Trust], key: str, attr: str, what: str) -> list[Problem]:
    values = [getattr(x, attr) for x in getattr(loaded.model, key)]
    problems = []
    for value, count in Counter(values).items():
        if count > 1:
            index = len(values) - 1 - values[::-1].index(value)
            problems.append(loaded.doc.problem((key, index, attr), f"Two {what} have the id '{value}'.",
                                               "Each needs its own id."))
    return problems


LOGO_HINT = ("Give the path of an image inside the trust folder (where trust.yaml is), e.g. "
             "assets/logos/school.png: a PNG or JPEG, or an SVG with no scripts or links.")


def check_logos(loaded: Loaded[Trust]) -> tuple[list[Problem], dict[str, Logo]]:
    """Every school's logo, read once and checked (inside the trust, a real image, a harmless SVG)."""
    problems: list[Problem] = []
    logos: dict[str, Logo] = {}
    for n, school in enumerate(loaded.model.schools):
        if not school.logo:
            continue
        try:
            logos[school.id] = load_logo(loaded.doc.path.parent, school.logo)
        except LogoError as exc:
            problems.append(loaded.doc.problem(("schools", n, "logo"), str(exc), LOGO_HINT))
    return problems + check_pack_content(loaded), logos


def check_pack_content(loaded: Loaded[Trust]) -> list[Problem]:
    """The pack's pictures (a signature, photographs) checked like logos, and its text's variables, at the
    trust's or school's line that names them."""
    trust, problems = loaded.model, []
    places = [(("pack",), trust.pack)] + [(("schools", n, "pack"), s.pack) for n, s in enumerate(trust.schools)
                                            if s.pack is not None]
    for where, content in places:
        for part in ("welcome", "about_school", "about_trust"):
            value = getattr(content, part)
            if not value:
                continue
            key = "signature" if part == "welcome" else "photo"
            picture = getattr(value, key)
            if picture:
                try:
                    load_logo(loaded.doc.path.parent, picture)
                except LogoError as exc:
                    words = str(exc).replace("logos can", "pictures can").replace("logo", "picture")
                    problems.append(loaded.doc.problem((*where, part, key), words, LOGO_HINT.replace(
                        "assets/logos/school.png", f"assets/pack/{key}.png")))
            for n, paragraph in enumerate(value.paragraphs):
                for name in unknown_references(paragraph):
                    problems.append(loaded.doc.problem((*where, part, "paragraphs", n),
                                                       f"'{{{{ {name} }}}}' is not a name text can use.",
                                                       "Use one of: " + ", ".join(VARIABLE_NAMES) + "."))
    return problems


def check_trust_file(loaded: Loaded[Trust]) -> list[Problem]:
    trust = loaded.model
    problems: list[Problem] = []
    for key, attr, what in (("schools", "id", "schools"), ("duty_areas", "id", "duty areas"),
                            ("criteria_categories", "id", "categories"), ("assessment_methods", "code", "methods"),
                            ("clauses", "id", "clauses"), ("physical_requirements", "id", "physical requirements")):
        problems += _duplicates(loaded, key, attr, what)
    codes = {m.code for m in trust.assessment_methods}
    for n, category in enumerate(trust.criteria_categories):
        for code in category.assessed or []:
            if code not in codes:
                problems.append(loaded.doc.problem(("criteria_categories", n, "assessed"),
                                                   f"'{code}' is not an assessment method in trust.yaml.",
                                                   did_you_mean(code, codes, "assessment method")))
    problems += text_problems(loaded.doc)  # variables in clauses, conditions, ...: checked once, here
    if trust.pay:
        for n, grade in enumerate(trust.pay.grades):
            if grade.from_ is not None and grade.to is not None and grade.from_ > grade.to:
                problems.append(loaded.doc.problem(("pay", "grades", n, "from"),
                                f"Grade '{grade.id}' starts at SCP {grade.from_}, after it ends (SCP {grade.to}).",
                                "Swap 'from' and 'to'."))
    return problems


WHERE_TO_APPLY = re.compile(r"https?://|www\.|[\w.+-]+@[\w-]+\.[\w.]+", re.IGNORECASE)
"""A web or email address in `how_to_apply`: somewhere a candidate can actually apply."""


def _vacancy_problems(post: ResolvedPost, files: TrustFiles) -> list[Problem]:
    """An advertised vacancy must say where to apply (a link, an email address or a form), its form must be
    one jobpack can publish, and its key dates must come after the closing date."""
    vacancy = post.vacancy
    if vacancy is None:
        return []
    origin = post.origin("vacancy")
    where = files.posts[origin.post].doc if origin.post in files.posts else files.posts[post.id].doc
    chain = (post.file,) if origin.post != post.id else ()
    problems = []
    if not (vacancy.apply_url or vacancy.apply_email or vacancy.application_form
            or WHERE_TO_APPLY.search(vacancy.how_to_apply)):
        problems.append(where.problem(
            ("vacancy",), f"The vacancy for '{post.title}' does not say where to apply: candidates reading its job "
            "pack or the website would have no link, email address or form to use.",
            "Add apply_url: https://... (your application page), apply_email: ... (the recruitment email "
            "address) or application_form: assets/forms/... (a .docx or .pdf kept in the trust) under vacancy:.",
            key=True, chain=chain))
    if vacancy.application_form:
        try:
            if not Path(vacancy.application_form).as_posix().startswith("assets/"):
                raise FormError(f"The application form '{vacancy.application_form}' is not in the assets/ folder, "
                                "where jobpack keeps the files it publishes (and notices when they change).")
            load_form(files.root, vacancy.application_form)
        except FormError as exc:
            problems.append(where.problem(("vacancy", "application_form"), str(exc),
                                          "Put the form in the trust folder (for example assets/forms/) and write "
                                          "its path, relative to the trust folder.", chain=chain))
    for key in ("shortlisting", "interviews"):
        when = getattr(vacancy, key)
        if isinstance(when, dt.date) and when < vacancy.closing_date:
            problems.append(where.problem(
                ("vacancy", key), f"The vacancy's {key} date ({when:%d %B %Y}) is before its closing date "
                f"({vacancy.closing_date:%d %B %Y}).", f"Check the dates: {key} comes after applications close.",
                chain=chain))
    return problems


def check_post_details(post: ResolvedPost, files: TrustFiles) -> tuple[list[Problem], Terms | None]:
    """Pay, hours, physical requirements and safer-recruitment checks for one resolved post.

    Working out the post's terms (hours, weeks, salary) is the real test of its pay details, so the terms
    are returned too: worked out once here and carried on the post to every template, page and record.
    A mistake in a value the post inherits is reported where it was written (in the role profile), with
    the post it was reached through."""
    trust = files.trust.model if files.trust else None
    assert trust is not None
    doc = files.posts[post.id].doc
    terms, issues = work_out(post, trust)
    problems: list[Problem] = []
    for issue in issues:
        origin = post.origin(issue.field)
        where = files.posts[origin.post].doc if origin.post in files.posts else doc
        chain = (post.file,) if origin.post != post.id else ()
        problems.append(where.problem((issue.field, *issue.path), issue.message, issue.hint, key=not issue.path,
                                      severity=issue.severity, chain=chain))
    known = [r.id for r in trust.physical_requirements]
    for n, req in enumerate(post.physical_requirements):
        if req not in known:
            problems.append(doc.problem(("physical_requirements", n),
                                        f"'{req}' is not in the trust's physical_requirements list.",
                                        did_you_mean(req, known, "requirement")))
    problems += _vacancy_problems(post, files)
    problems += stale_pay_year(replace(post, terms=terms), trust)
    for section in post.sections:
        for part in (p for p in section.parts if p.kind == "image"):
            try:
                if not _in_assets(part.image):
                    raise LogoError(f"The picture '{part.image}' is not in the assets/ folder, where jobpack keeps "
                                    "the files documents show (and notices when they change).")
                load_logo(files.root, part.image)
            except LogoError as exc:  # the checks are the logo's; the words are the section picture's
                words = str(exc).replace("logos can", "pictures can").replace("logo", "picture")
                problems.append(Problem(section.file, words, section.line,
                                        hint="Use a PNG or JPEG inside the trust folder, e.g. assets/charts/team.png.",
                                        chain=(post.file,) if section.file != post.file else ()))
    return problems, terms


def _in_assets(written: str) -> bool:
    """Whether a picture's path is in assets/ once '..' is worked out (`assets/../pics/x.png` is not):
    jobpack watches assets/ for changes (through links inside the trust too), so a picture elsewhere would
    change without any check or build noticing. load_logo then refuses one that leads out of the trust."""
    return os.path.normpath(written.replace("\\", "/")).replace(os.sep, "/").startswith("assets/")


def _output_clashes(posts: dict[str, ResolvedPost], files: TrustFiles,
                    owners: Mapping[str, str] | None = None,
                    claims: dict[str, tuple[list[str], str | None]] | None = None) -> list[Problem]:
    folders = {post_id: post.outputs.folder for post_id, post in posts.items()}
    existing = set(files.posts) | set(files.broken_posts)
    problems, losers = output_clashes(folders, existing, lambda pid, message, hint: files.posts[pid].doc.problem(
        ("school",), message, hint), owners, claims)
    for post_id in losers:
        del posts[post_id]
    return problems


def output_clashes(folders: Mapping[str, str], existing: set[str], problem: Callable[[str, str, str], Problem],
                   owners: Mapping[str, str] | None = None,
                   claims: dict[str, tuple[list[str], str | None]] | None = None) -> tuple[list[Problem], list[str]]:
    """Posts that would write to the same output folder. No clashing post is built (even with
    --keep-going), except the one whose documents the folder already holds (`owners`, from the last
    build's manifest): a clash never overwrites documents. The error is on the newcomer's file.
    `claims` receives each folder's posts and its owner as read, all the outcome depends on besides the
    trust's files (`checkcache` keys on them)."""
    owners = owners or {}
    losers: list[str] = []
    groups: dict[str, list[str]] = {}
    for post_id, folder in folders.items():
        groups.setdefault(folder, []).append(post_id)
    problems: list[Problem] = []
    for folder, ids in groups.items():
        owner = owners.get(folder)
        if claims is not None:
            claims[folder] = (list(ids), owner)
        if owner not in existing or folders.get(owner, folder) != folder:
            owner = None  # the folder's post was deleted, renamed or moved: its place is free
        newcomers = [pid for pid in ids if pid != owner]
        if owner is None and len(ids) < 2:
            continue
        first = owner if owner is not None else ids[0]
        for post_id in newcomers if owner is not None else ids[1:]:
            hint = ("Rename this file: each school's posts need different file names. "
                    + (f"'{owner}' keeps its documents; this post is not built until then." if owner
                       else "Neither post is built until then."))
            problems.append(problem(post_id, f"Posts '{first}' and '{post_id}' would both be written to "
                                    f"output/{folder}/.", hint))
        losers += newcomers
    return problems, losers


def _once(problems: list[Problem]) -> list[Problem]:
    """The same problem found through several posts (a role profile's grade, a block's item) is reported
    once, where it is written, naming every post it was reached through."""
    groups: dict[tuple[str, int | None, int | None, str], list[Problem]] = {}
    for problem in problems:
        groups.setdefault((problem.file, problem.line, problem.column, problem.message), []).append(problem)
    out = []
    for found in groups.values():
        chains = list(dict.fromkeys(" -> ".join(p.chain) for p in found if p.chain))
        first = found[0]
        out.append(replace(first, chain=(" and ".join(chains),)) if len(chains) > 1 or (chains and not first.chain)
                   else first)
    return out


def school_problems(loaded: Loaded[Post], schools: list[str]) -> list[Problem]:
    """A post naming a school trust.yaml does not have."""
    school = loaded.model.school
    if school is None or school in schools:
        return []
    return [loaded.doc.problem(("school",), f"There is no school called '{school}' in trust.yaml.",
                               did_you_mean(school, schools, "school"))]


def profile_problems(loaded: Loaded[Post], trust: Trust) -> list[Problem]:
    """A profile's own pay and hours, checked once, even if no post extends it yet."""
    return [loaded.doc.problem((issue.field, *issue.path), issue.message, issue.hint, key=not issue.path,
                               severity=issue.severity)
            for issue in field_issues(loaded.model.pay, loaded.model.hours, trust)]


def finish(problems: list[Problem]) -> list[Problem]:
    """Every problem once (see `_once`), in file, line and column order: what `jobpack check` prints."""
    out = _once(problems)
    out.sort(key=lambda p: (p.file, p.line or 0, p.column or 0))
    return out


def validate(root: Path, owners: Mapping[str, str] | None = None, only: set[str] | None = None) -> Checked:
    """Validate the trust folder at `root` and resolve every post. `owners` (output folder -> post id,
    from the last build's manifest) decides which post keeps a folder two posts clash on. `only` (post
    ids) validates just those posts and the profiles they extend, with trust.yaml and every block: a
    build uses it for the posts whose files changed (see `cache`). Not `finish`ed: see the orchestrator."""
    files = load_trust_files(root, only)
    result = Checked(files, problems=list(files.problems))
    if files.trust is None:
        return result
    result.problems += check_trust_file(files.trust)
    logo_problems, result.logos = check_logos(files.trust)
    result.problems += logo_problems
    resolver = Resolver(files)
    schools = [s.id for s in files.trust.model.schools]
    bad_fields: set[str] = set()  # posts and profiles whose own text has unknown variables
    bad_blocks = set()
    for block_id, block in files.blocks.items():  # each block's text checked once, where it is written
        found = text_problems(block.doc)
        result.problems += found
        if found:
            bad_blocks.add(block_id)
    # Profiles first, so a child knows whether its parent's fields are sound.
    for post_id, loaded in sorted(files.posts.items(), key=lambda kv: not kv[1].model.profile):
        result.problems += school_problems(loaded, schools)  # reported even when the post has other errors
        own = text_problems(loaded.doc)
        result.problems += own
        if own:
            bad_fields.add(post_id)
        if loaded.model.profile:
            resolver.partial(post_id)
            result.problems += profile_problems(loaded, files.trust.model)
            continue
        post = resolver.resolve(post_id)
        if post is None or bad_fields & {post_id, *post.extends} or bad_blocks & set(post.blocks_used):
            continue
        details, terms = check_post_details(post, files)
        result.problems += details
        if terms is not None and not any(p.severity == "error" for p in details):
            result.posts[post_id] = replace(post, pricing=terms.pricing, terms=terms)
    for block_id in files.blocks:  # blocks no post uses still get checked
        resolver.block_items(block_id, ())
    result.problems += resolver.problems
    result.problems += _output_clashes(result.posts, files, owners, result.claims)
    result.problems += contract_problems(result)  # Teaching Vacancies' rules, when the trust publishes there
    return result  # unsorted: the orchestrator adds the templates' and the lints' problems, then `finish`
