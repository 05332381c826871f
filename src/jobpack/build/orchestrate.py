"""The whole of `jobpack check`: validation, the lints and the templates' verdicts, side by side.

Validation (check/validate) loads and resolves the trust; the lints (check/lint) read the loaded files and
the resolved posts; template verification (render/verify) renders every post's view (view/context). None
of them calls another: this module calls the three and puts their problems in the one order `jobpack
check` prints (validate.finish). With many posts the templates are verified in worker processes, each
taking a fixed share of the posts; their verdicts are merged in the posts' order, so the answer is the
one a single process gives.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Mapping
from pathlib import Path

from jobpack.build.cache import fingerprint, special_files
from jobpack.check.lint import lint
from jobpack.check.validate import Checked, finish, validate
from jobpack.errors import Problem
from jobpack.render.verify import Verdict, Verifier, merge
from jobpack.view.context import build_context

PARALLEL_FROM = 150
"""Posts from which the templates are verified in several processes (below it, starting them costs more)."""

_SHARED: Checked | None = None  # the checked trust, inherited by forked workers (never pickled)


def check(root: Path, owners: Mapping[str, str] | None = None, only: set[str] | None = None,
          jobs: int | None = None, quick: bool = False) -> Checked:
    """Validate the trust at `root`, verify its templates against every buildable post and lint its wording.
    `owners` and `only` are validation's (see validate.validate); `jobs` caps the worker processes. `quick`
    leaves out the templates and the wording lints, for reports that read only the composed posts (drift)."""
    result = validate(root, owners, only)
    result.problems += [Problem(name, "This is a pipe, socket or device, not a file: jobpack skips it.", None, None,
                                "Remove it from the trust folder (an editor or tool may have left it there).",
                                severity="warning") for name in special_files(fingerprint(root, []))]
    if result.files.trust is not None and not quick:
        result.problems += template_problems(result, jobs)
        result.problems += lint(result.files, result.posts)  # the wording: fair, plain and complete
    result.problems = finish(result.problems)
    return result


def _context(checked: Checked, post_id: str, pictures: dict[str, str] | None = None) -> tuple[str, dict]:
    post = checked.posts[post_id]
    return post.school.id, build_context(post, checked.trust, checked.files.root, checked.logos, pictures)


def _verdicts(share: tuple[int, int]) -> list[Verdict]:
    """(In a worker) the verdicts of the posts in one contiguous share, in order."""
    assert _SHARED is not None
    ids = list(_SHARED.posts)[share[0]:share[1]]
    verifier = Verifier(_SHARED.files.root)
    pictures: dict[str, str] = {}
    return [verifier.verdict(*_context(_SHARED, post_id, pictures)) for post_id in ids]


def template_problems(checked: Checked, jobs: int | None = None) -> list[Problem]:
    """Template mistakes, found at check time so that the pull-request gate fails, not the build on main."""
    global _SHARED
    root = checked.files.root
    ids = list(checked.posts)
    workers = min(jobs or os.cpu_count() or 1, 8)
    verifier = Verifier(root)
    if workers < 2 or len(ids) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        pictures: dict[str, str] = {}
        verdicts = [verifier.verdict(*_context(checked, post_id, pictures)) for post_id in ids]
    else:
        step = -(-len(ids) // workers)
        shares = [(start, min(start + step, len(ids))) for start in range(0, len(ids), step)]
        _SHARED = checked
        gc.freeze()  # the workers share the checked trust's pages instead of copying them as gc visits them
        try:
            with multiprocessing.get_context("fork").Pool(len(shares)) as pool:
                verdicts = [v for part in pool.map(_verdicts, shares) for v in part]
        finally:
            _SHARED = None
            gc.unfreeze()
    return merge(verifier, verdicts, lambda n: Verifier(root).verdict(*_context(checked, ids[n]), word_again=True))
