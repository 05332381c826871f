"""Like roles on different terms: posts doing the same job across schools, with their grades, pay, hours,
weeks and contracts side by side, for `jobpack drift`.

"Are people doing the same job paid the same?" is the question behind the Equality Act 2010's equal pay duty
and the reason trusts harmonise job descriptions. jobpack holds both the duties and the terms of every post,
so it can put like posts next to each other. Posts are *like roles* when they

* extend the same role profile, or
* have most of their duties in common: at least half, counted as meaning.similarity counts concepts (weighted
  Dice over duties; a duty counts as shared when it is the same block item or says the same thing), or
* have titles that share at least two words and half of their words ("Learning Support Practitioner",
  "Learner Support Professional").

What it flags is evidence for a person to review, not a legal finding: posts can differ for reasons the
documents do not show. The pay figures are validation's (`compose.terms`/`compose.pay`), never worked out
again here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache

import snowballstemmer

from jobpack.check.validate import Checked
from jobpack.compose import pay
from jobpack.compose.post import ResolvedPost
from jobpack.standardise.meaning import STOPWORDS, concepts, similar_pairs

NOT_A_FINDING = ("This is evidence to review, not a legal finding: like posts can differ for reasons the "
                 "documents do not show (the work actually done, responsibilities, qualifications, market "
                 "supplements). Equal pay is judged on the work people actually do.")
SAME_DUTIES = 50  # meaning.similarity of two posts' duty sets from which they do "most of the same duties"
_STEMMER = snowballstemmer.stemmer("english")
_TITLE_SAME = {"learner": "learn", "assist": "assist", "practition": "practition"}


@dataclass(frozen=True)
class Terms:
    """One post's terms as the like-roles table shows them."""

    post: str
    school: str
    title: str
    grade: str  # the grade's name ("Band D"), or "" when the post has none
    grade_id: str
    fte: str  # "£26,409 – £30,060 FTE", or ""
    actual: str  # "£20,698 – £23,560", or ""
    hours: str  # "32.5 hours", or ""
    hours_value: Decimal | None
    weeks: str  # "46.526 weeks", "all year"
    contract: str
    duties: int
    extra_duties: tuple[str, ...] = ()  # duties this post has that no post on its grade in the group has
    pay_year: str = ""  # the pay year its figures are worked out on ("2025-26"), when it has figures


@dataclass(frozen=True)
class LikeRoles:
    """Posts doing the same job, why they were grouped, and what to look at."""

    reasons: tuple[str, ...]
    posts: tuple[Terms, ...]
    flags: tuple[str, ...] = field(default=())


@lru_cache(maxsize=65536)
def _title_stem(word: str) -> str:
    """One title word stemmed (each distinct word once: a trust's titles repeat their words)."""
    stem = _STEMMER.stemWord(word)
    return _TITLE_SAME.get(stem, stem)


def _title_words(title: str) -> frozenset[str]:
    words = [w for w in "".join(c if c.isalnum() else " " for c in title.lower()).split() if w not in STOPWORDS]
    return frozenset(_title_stem(w) for w in words)


def _similar_titles(a: frozenset[str], b: frozenset[str]) -> bool:
    shared = len(a & b)
    return shared >= 2 and 2 * shared >= (len(a) + len(b)) / 2


def _root(parent: dict[str, str], x: str) -> str:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


Keyed = dict[str, list[tuple[str, str]]]  # post id -> its duties as (key, text), in order, one per key


def _duty_keys(posts: dict[str, ResolvedPost], threshold: int) -> Keyed:
    """Each post's duties as keys: duties that say the same thing (same block item, or similar meaning) share
    a key. Distinct wordings are compared once, through the prefix-filtered index."""
    sets = sorted({concepts(item.text) for post in posts.values() for item in post.duties}, key=sorted)
    number = {s: n for n, s in enumerate(sets)}
    parent = list(range(len(sets)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b, _score in similar_pairs(sets, threshold):
        parent[root(b)] = root(a)
    out: Keyed = {}
    for pid, post in posts.items():
        seen: dict[str, str] = {}
        for item in post.duties:
            seen.setdefault(f"d{root(number[concepts(item.text)])}", item.text)
        out[pid] = list(seen.items())
    return out


def like_roles(checked: Checked, threshold: int) -> list[LikeRoles]:
    """Groups of two or more like posts, in a stable order (largest first, then by first post)."""
    posts = {pid: checked.posts[pid] for pid in sorted(checked.posts)}
    parent = {pid: pid for pid in posts}
    reasons: dict[tuple[str, str], str] = {}

    def join(a: str, b: str, why: str) -> None:
        reasons.setdefault((a, b), why)
        parent[_root(parent, b)] = _root(parent, a)

    by_profile: dict[str, list[str]] = defaultdict(list)
    for pid, post in posts.items():
        if post.extends:
            by_profile[post.extends[0]].append(pid)
    for profile, members in by_profile.items():
        for other in members[1:]:
            join(members[0], other, f"same role profile ({profile})")
    ids = list(posts)
    keyed = _duty_keys(posts, threshold)
    keys = {pid: frozenset(k for k, _ in pairs) for pid, pairs in keyed.items()}
    distinct: dict[frozenset[str], list[str]] = defaultdict(list)
    for pid in ids:
        distinct[keys[pid]].append(pid)
    sets = list(distinct)
    for members in distinct.values():
        for other in members[1:]:
            join(members[0], other, "the same duties")
    for a, b, _score in similar_pairs(sets, SAME_DUTIES):
        join(distinct[sets[a]][0], distinct[sets[b]][0], "most duties in common")
    titles = defaultdict(list)
    for pid in ids:
        titles[_title_words(posts[pid].title)].append(pid)
    title_sets = list(titles)
    for n, a in enumerate(title_sets):  # distinct titles are few even in a large trust
        for m in range(n):
            if _similar_titles(a, title_sets[m]):
                join(titles[title_sets[m]][0], titles[a][0], "similar titles")
        for other in titles[a][1:]:
            join(titles[a][0], other, "the same title")
    groups: dict[str, list[str]] = defaultdict(list)
    for pid in ids:
        groups[_root(parent, pid)].append(pid)
    out = []
    for members in groups.values():
        if len(members) < 2:
            continue
        inside = set(members)
        why = tuple(sorted({r for (a, b), r in reasons.items() if a in inside and b in inside}))
        out.append(_group(members, posts, keyed, why))
    out.sort(key=lambda g: (-len(g.posts), g.posts[0].post))
    return out


def _money(pair: tuple[int, int]) -> str:
    low, high = pair
    return pay.format_money(low) if low == high else f"{pay.format_money(low)} – {pay.format_money(high)}"


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _terms(post: ResolvedPost) -> Terms:
    """The post's terms as validation worked them out (compose.terms), worded for the table."""
    terms = post.terms
    grade = terms.grade if terms else None
    pricing = terms.pricing if terms else None
    year = terms.pay_year if terms and terms.pay_year else ""
    # The pay year is part of the figure: like posts priced on different years differ by the award, not the job.
    fte = _money(pricing.fte) + " FTE" + (f" ({year})" if year else "") if pricing is not None else ""
    actual = _money(pricing.actual) if pricing is not None and pricing.actual else ""
    weeks = ""
    if terms is not None:
        if terms.weeks_paid is None:
            weeks = "term time (weeks not stated)" if terms.term_time_only else ""
        elif terms.term_time_only or terms.weeks_paid != terms.weeks_in_year:
            weeks = f"{_number(terms.weeks_paid)} weeks" + (
                f" to {_number(terms.weeks_paid_to)}" if terms.weeks_paid_to is not None else "")
        else:
            weeks = "all year"
    hours = terms.hours if terms else None
    contract = post.vacancy.contract if post.vacancy and post.vacancy.contract else ""
    if not contract and terms is not None and terms.full_time is not None:
        contract = ("full time" if terms.full_time else "part time") + (", term time only" if terms.term_time_only
                                                                        else "")
    return Terms(post.id, post.school.name, post.title, grade.name if grade else "", grade.id if grade else "",
                 fte, actual, pay.format_hours(hours) if hours is not None else "", hours, weeks, contract,
                 len(post.duties), pay_year=year if pricing is not None else "")


def _group(members: list[str], posts: dict[str, ResolvedPost], keyed: Keyed, reasons: tuple[str, ...]) -> LikeRoles:
    rows = [_terms(posts[pid]) for pid in members]
    flags: list[str] = []
    by_hours: dict[Decimal, list[Terms]] = defaultdict(list)
    for row in rows:
        if row.hours_value is not None:
            by_hours[row.hours_value].append(row)
    for hours, same in sorted(by_hours.items()):
        grades = sorted({r.grade or "no grade" for r in same})
        ftes = sorted({r.fte for r in same if r.fte})
        names = ", ".join(r.post for r in same)
        if len(grades) > 1:
            flags.append(f"Same hours ({pay.format_hours(hours)} a week), different grades: "
                         f"{' / '.join(grades)} ({names}).")
        elif len(ftes) > 1:
            years = sorted({r.pay_year for r in same if r.pay_year})
            why = (f" They are priced on different pay years ({' / '.join(years)}): put them on the same year to "
                   "compare the jobs, not the pay awards." if len(years) > 1 else "")
            each = "; ".join(f"{r.post} {r.fte}" for r in sorted(same, key=lambda r: (r.fte, r.post)) if r.fte)
            flags.append(f"Same hours ({pay.format_hours(hours)} a week) and grade, different pay: {each}.{why}")
    if len({r.grade_id for r in rows}) > 1:
        flags.append("Different grades for like roles: " + "; ".join(
            f"{r.post} {r.grade or 'no grade'}" + (f", {r.hours}" if r.hours else "") for r in rows) + ".")
    on_grade: dict[str, list[str]] = defaultdict(list)
    having: dict[str, Counter[str]] = defaultdict(Counter)  # grade id -> how many of its posts have each duty key
    for row in rows:
        on_grade[row.grade_id].append(row.post)
        having[row.grade_id].update(key for key, _ in keyed[row.post])  # each key once per post (see Keyed)
    out_rows = []
    for row in rows:
        peers = [p for p in on_grade[row.grade_id] if p != row.post]
        extra: tuple[str, ...] = ()
        if peers:  # a duty no peer has: only this post, of its grade, has its key
            extra = tuple(text for key, text in keyed[row.post] if having[row.grade_id][key] == 1)
            if extra:
                flags.append(f"{row.post} has {len(extra)} dut{'y' if len(extra) == 1 else 'ies'} that no other "
                             f"post on {row.grade or 'its grade'} here has ({', '.join(peers)}).")
        out_rows.append(replace(row, extra_duties=extra))
    return LikeRoles(reasons, tuple(out_rows), tuple(flags))
