"""Issue 25: one rule for the advert a candidate reads first — the vacancy's, else the post's, else the summary."""

from __future__ import annotations

from jobpack.build.orchestrate import check
from jobpack.compose.advert import advert_text
from tests.conftest import MINI_POST

SUMMARY = "    summary:\n      - To support pupils at {{ school.name }}.\n      - To help teachers.\n"


def _post(make_trust, extra: str):
    root = make_trust(post=MINI_POST.rstrip(" ") + extra)
    checked = check(root)
    assert not [p for p in checked.problems if p.severity == "error"], checked.problems
    return checked.posts["oak/teaching-assistant"]


def test_the_summary_serves_when_there_is_no_advert(make_trust) -> None:
    advert = advert_text(_post(make_trust, SUMMARY))
    assert advert == "To support pupils at Oak School.\n\nTo help teachers."
    assert (advert.source, advert.file) == ("summary", "posts/oak/teaching-assistant.yaml")
    assert advert.line == MINI_POST.count("\n") + 2


def test_the_posts_advert_wins_over_the_summary_and_says_where_it_is(make_trust) -> None:
    extra = SUMMARY + "    advert: Join {{ school.name }} as a teaching assistant.\n"
    advert = advert_text(_post(make_trust, extra))
    assert advert == "Join Oak School as a teaching assistant."
    assert advert.source == "advert" and advert.line == (MINI_POST.rstrip(" ") + extra).splitlines().index(
        "    advert: Join {{ school.name }} as a teaching assistant.") + 1


def test_the_vacancys_advert_wins_over_the_posts(make_trust) -> None:
    extra = (SUMMARY + "    advert: The post's advert.\n    vacancy:\n      closing_date: 2027-01-15\n"
             "      apply_url: https://oak.example.org/apply\n      advert: Now hiring at {{ school.name }}.\n")
    advert = advert_text(_post(make_trust, extra))
    assert advert == "Now hiring at Oak School." and advert.source == "vacancy.advert"
    assert advert.line == (MINI_POST.rstrip(" ") + extra).splitlines().index(
        "      advert: Now hiring at {{ school.name }}.") + 1
