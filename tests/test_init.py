"""`jobpack init`: the starter trust must check clean, build, validate against the schemas and be safe to run.

One trust is initialised per module (through the real command) and shared by the read-only tests, so the
whole file stays fast; tests that change files make their own.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from jobpack.build.orchestrate import check
from jobpack.cli import main
from jobpack.init import init_trust, scaffold_files, yaml_scalar
from jobpack.load.schema import schema_texts

TRUST_NAME = "St Mary's: Learning Trust #1"  # a colon, a hash and an apostrophe: all awkward in YAML
SCHOOL_NAME = "St Mary's C of E Primary School"
SCHOOL_ID = "st-marys-c-of-e-primary-school"
POST_ID = f"{SCHOOL_ID}/teaching-assistant"


@pytest.fixture(scope="module")
def trust(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A trust made by `jobpack init` into a folder that did not exist yet (nested, to test creation)."""
    root = tmp_path_factory.mktemp("init") / "new" / "trust"
    result = CliRunner().invoke(main, ["init", str(root), "--trust-name", TRUST_NAME, "--school-name", SCHOOL_NAME])
    assert result.exit_code == 0, result.output
    assert "trust.yaml" in result.output and "jobpack build" in result.output
    return root


def yaml_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and ".github" not in p.parts)


def test_files_and_names(trust: Path) -> None:
    files = {p.relative_to(trust).as_posix() for p in trust.rglob("*") if p.is_file()}
    assert {"trust.yaml", f"posts/{POST_ID}.yaml", "README.md", "templates/README.md", ".gitignore",
            ".github/workflows/jobpack.yml", "schemas/trust.schema.json", "schemas/block.schema.json",
            "schemas/post.schema.json"} <= files
    assert len([f for f in files if f.startswith("blocks/")]) >= 4
    for path in trust.rglob("*"):
        if path.is_file():
            assert not re.search(r"__[A-Z_]+__", path.read_text(encoding="utf-8")), path
    data = yaml.safe_load((trust / "trust.yaml").read_text(encoding="utf-8"))
    assert data["name"] == TRUST_NAME
    assert data["schools"] == [{"id": SCHOOL_ID, "name": SCHOOL_NAME, "colour": "#1f3864"}]
    # copied, not rendered: the variables reach the new trust for jobpack to fill in per post
    assert "{{ school.name }}" in (trust / "trust.yaml").read_text(encoding="utf-8")
    assert [c["id"] for c in data["clauses"]] == ["safeguarding", "equality", "health-and-safety", "other-duties",
                                                  "not-comprehensive"]
    assert data["pay"]["term_time_weeks_paid"] == 46.526
    assert "output/" in (trust / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_checks_clean(trust: Path) -> None:
    result = check(trust)
    assert result.problems == []
    assert list(result.posts) == [POST_ID]
    cli = CliRunner().invoke(main, ["check", "--trust", str(trust), "--strict"])
    assert cli.exit_code == 0, cli.output
    assert "All good: 1 posts" in cli.output


def test_builds_the_five_documents(trust: Path) -> None:
    from jobpack.build.run import build

    report = build(trust, trust / "output", jobs=1)
    assert report.ok, (report.failed, report.problems)
    folder = f"{SCHOOL_ID}/teaching-assistant"
    assert sorted(report.written) == sorted(f"{folder}/teaching-assistant-{name}" for name in (
        "job-description.pdf", "person-specification.pdf", "job-pack.pdf",
        "job-description.docx", "person-specification.docx"))
    for rel in report.written:
        data = (trust / "output" / rel).read_bytes()
        assert data.startswith(b"%PDF" if rel.endswith(".pdf") else b"PK"), rel
    with zipfile.ZipFile(trust / "output" / folder / "teaching-assistant-job-description.docx") as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert "Teaching Assistant" in body and "{{" not in body


def _as_json(data: Any) -> Any:
    """YAML dates become the ISO strings JSON Schema expects."""
    return json.loads(json.dumps(data, default=str))


def test_yaml_files_match_the_schemas(trust: Path) -> None:
    schemas = {name: json.loads(text) for name, text in schema_texts().items()}
    for name, text in schema_texts().items():
        assert (trust / "schemas" / name).read_text(encoding="utf-8") == text
    files = yaml_files(trust)
    assert len(files) >= 6
    for path in files:
        rel = path.relative_to(trust)
        name = "trust.schema.json" if rel.as_posix() == "trust.yaml" else f"{rel.parts[0][:-1]}.schema.json"
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, f"{rel}: no schema line"
        assert (path.parent / match[1]).resolve() == (trust / "schemas" / name).resolve(), rel
        data = _as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
        jsonschema.validate(data, schemas[name], cls=jsonschema.Draft202012Validator)


def _workflow(trust: Path) -> dict[str, Any]:
    data = yaml.safe_load((trust / ".github/workflows/jobpack.yml").read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def test_workflow(trust: Path) -> None:
    flow = _workflow(trust)
    assert "pull_request" in flow["on"] and flow["on"]["push"]["branches"] == ["main"]
    assert "'jobpack'" in flow["env"]["JOBPACK_SPEC"]
    jobs = flow["jobs"]
    assert set(jobs) == {"check", "changes", "teaching-vacancies-plan", "teaching-vacancies", "site", "deploy"}
    for job in jobs.values():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z-]+@v\d+", step["uses"]), step["uses"]
    runs = {name: "\n".join(s.get("run", "") for s in job["steps"]) for name, job in jobs.items()}
    assert 'pip install "$JOBPACK_SPEC"' in runs["check"] and "jobpack check --format json" in runs["check"]
    assert "pull_request" not in jobs["check"].get("if", "")
    kept = [s for s in jobs["check"]["steps"] if s.get("uses", "").startswith("actions/cache@")]
    assert kept and kept[0]["with"]["path"] == flow["env"]["JOBPACK_CACHE_DIR"]  # the check's results, kept
    site = jobs["site"]
    assert site["needs"] == "check" and "refs/heads/main" in site["if"]
    assert 'pip install "$JOBPACK_SPEC"' in runs["site"] and "jobpack site" in runs["site"]
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fonts-liberation2"):
        assert package in runs["site"]
    upload = next(s for s in site["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "output/site"
    publish, plan = jobs["teaching-vacancies"], jobs["teaching-vacancies-plan"]
    assert publish["if"].startswith("github.event_name == 'push' && ") and "default_branch" in publish["if"]
    assert "jobpack publish teaching-vacancies" in runs["teaching-vacancies"]
    assert "--dry-run" not in runs["teaching-vacancies"]
    [step] = [s for s in publish["steps"] if "env" in s]
    assert step["env"] == {"TEACHING_VACANCIES_API_KEY": "${{ secrets.TEACHING_VACANCIES_API_KEY }}"}
    assert plan["if"] == "github.event_name == 'pull_request'"
    assert "jobpack publish teaching-vacancies --dry-run" in runs["teaching-vacancies-plan"]
    assert '>> "$GITHUB_STEP_SUMMARY"' in runs["teaching-vacancies-plan"]
    text = (trust / ".github/workflows/jobpack.yml").read_text(encoding="utf-8")
    assert text.count("secrets.") == 1, "only the push job to the default branch gets a secret"
    deploy = jobs["deploy"]
    assert deploy["needs"] == "site"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_workflow_turns_problems_into_annotations(trust: Path, tmp_path: Path) -> None:
    """Run the workflow's own annotation script on `jobpack check --format json` output."""
    run = next(s["run"] for s in _workflow(trust)["jobs"]["check"]["steps"] if "--format json" in s.get("run", ""))
    script = re.search(r"<<'PY'\n(.*?)\nPY\n", run, re.S)
    assert script
    problems = [{"file": "posts/oak/ta.yaml", "line": 3, "column": 5, "severity": "error",
                 "message": "There is no block 'x'.", "hint": "Did you mean 'y'?\n100%", "chain": []},
                {"file": "trust.yaml", "line": None, "column": None, "severity": "warning", "message": "Hmm.",
                 "hint": None, "chain": []}]
    (tmp_path / "problems.json").write_text(json.dumps(problems), encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", script[1]], cwd=tmp_path, capture_output=True, text=True,
                         check=True).stdout
    assert out.splitlines() == ["::error file=posts/oak/ta.yaml,line=3,col=5::There is no block 'x'. "
                                "Did you mean 'y'?%0A100%25",
                                "::warning file=trust.yaml::Hmm."]


@pytest.mark.parametrize("marker", ["trust.yaml", "posts", "blocks"])
def test_refuses_an_existing_trust(tmp_path: Path, marker: str) -> None:
    if marker.endswith(".yaml"):
        (tmp_path / marker).write_text("name: Old Trust\n", encoding="utf-8")
    else:
        (tmp_path / marker).mkdir()
    before = sorted(tmp_path.rglob("*"))
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 1
    assert "already holds a trust" in result.output and "nothing was written" in result.output
    assert sorted(tmp_path.rglob("*")) == before


def test_keeps_files_already_there(tmp_path: Path) -> None:
    """A repository created on GitHub arrives with a README and a .gitignore: keep them, add what is missing."""
    (tmp_path / "README.md").write_text("# Ours\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("*.tmp", encoding="utf-8")
    written = init_trust(tmp_path, "My Trust", "My School")
    assert tmp_path / "README.md" not in written
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "# Ours\n"
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "*.tmp\noutput/\n"
    assert (tmp_path / "posts/my-school/teaching-assistant.yaml").is_file()


def test_defaults_and_blank_names(tmp_path: Path) -> None:
    assert "posts/my-school/teaching-assistant.yaml" in scaffold_files("My Trust", "My School")
    result = CliRunner().invoke(main, ["init", str(tmp_path / "t"), "--school-name", "  "])
    assert result.exit_code == 1 and "must not be empty" in result.output
    assert not (tmp_path / "t").exists()


@pytest.mark.parametrize("name", ["Oak Trust", "yes", "St Mary's: #1", "- dash", '"quoted"', "123", "Ysgol Gymraeg"])
def test_yaml_scalar_reads_back(name: str) -> None:
    assert yaml.safe_load(f"name: {yaml_scalar(name)}  # comment\n") == {"name": name}


def test_a_pull_request_gets_a_readable_diff_and_redlines(trust: Path, tmp_path: Path) -> None:
    """Run the workflow's own `changes` step on a pull request branch of a trust made by `jobpack init`."""
    import subprocess

    def git(*args: str, cwd: Path = trust) -> None:
        subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args], cwd=cwd, check=True,
                       capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-qm", "New trust")
    origin = tmp_path / "origin.git"
    git("clone", "-q", "--bare", str(trust), str(origin), cwd=tmp_path)
    git("remote", "add", "origin", str(origin))
    git("checkout", "-q", "-b", "clearer-duties")
    post = next((trust / "posts").rglob("teaching-assistant.yaml"))
    text = post.read_text("utf-8")
    first = next(line for line in text.splitlines() if line.strip().startswith("- To ") and len(line) > 30)
    post.write_text(text.replace(first, first.rstrip(".") + ", every day."), "utf-8")
    git("commit", "-qam", "Clearer duty")
    step = next(s for s in _workflow(trust)["jobs"]["changes"]["steps"] if "jobpack diff" in s.get("run", ""))
    summary = tmp_path / "summary.md"
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=trust, capture_output=True, text=True,
                          env={**__import__("os").environ, "BASE": "main", "GITHUB_STEP_SUMMARY": str(summary)})
    assert done.returncode == 0, done.stderr
    markdown = summary.read_text("utf-8")
    assert markdown.startswith("## Job descriptions changed by this pull request")
    assert "| Teaching Assistant (`" in markdown and "1 reworded" in markdown
    assert "including ICT<ins>, every day</ins>." in markdown
    redlines = sorted(p.suffix for p in (trust / "redlines").rglob("*-changes.*"))
    assert redlines == [".docx", ".pdf"]
