"""The GitHub Pages workflows: valid for GitHub's schema, wired configure → upload → deploy, and the
exact build command they run works for a project-site subpath."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project
from linkcheck import check_site, init_project

REPO_WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
TEMPLATE_WORKFLOW = ROOT / "generator" / "project_template" / "pages.yml"
WORKFLOWS = {"repository": REPO_WORKFLOW, "project template": TEMPLATE_WORKFLOW}
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")
# What actions/configure-pages gives as `base_url` for a project site: no trailing slash.
SAMPLE_BASE_URL = "https://octo-org.github.io/sample-timeline"


def _check(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", *map(str, paths)],
                          capture_output=True, text=True, timeout=120)


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the `on` key as a boolean
    return data


def _uses(step: dict) -> str:
    return step.get("uses", "").partition("@")[0]


def _build_command(workflow: dict) -> str:
    """The `timeline build ...` line the build job runs."""
    lines = [line.strip() for step in workflow["jobs"]["build"]["steps"] for line in step.get("run", "").splitlines()]
    commands = [line for line in lines if line.startswith("timeline build")]
    assert len(commands) == 1, lines
    return commands[0]


@pytest.mark.parametrize("name", WORKFLOWS)
def test_workflow_matches_github_schema(name):
    result = _check(WORKFLOWS[name])
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_rejects_a_broken_workflow(tmp_path):
    broken = tmp_path / "pages.yml"
    broken.write_text(REPO_WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "runs_on:", 1), encoding="utf-8")
    assert _check(broken).returncode != 0


@pytest.mark.parametrize("name", WORKFLOWS)
def test_workflow_configures_uploads_and_deploys(name):
    workflow = _load(WORKFLOWS[name])
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert "push" in workflow["on"] and "workflow_dispatch" in workflow["on"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]

    steps = [_uses(s) or "run" for s in build["steps"]]
    order = [steps.index(a) for a in ("actions/checkout", "actions/configure-pages")]
    configure = next(s for s in build["steps"] if _uses(s) == "actions/configure-pages")
    run_index = next(i for i, s in enumerate(build["steps"]) if "timeline build" in s.get("run", ""))
    upload_index = steps.index("actions/upload-pages-artifact")
    assert order[0] < order[1] < run_index < upload_index, steps
    assert configure.get("id") == "pages"
    assert "${{ steps.pages.outputs.base_url }}" in build["steps"][run_index]["run"]
    upload = build["steps"][upload_index]
    assert upload.get("with", {}).get("path") == "site", "upload the folder `timeline build` writes"

    assert deploy["needs"] in ("build", ["build"])
    assert deploy["environment"]["name"] == "github-pages"
    assert [_uses(s) for s in deploy["steps"]] == ["actions/deploy-pages"]
    deployment = deploy["steps"][0]
    assert deploy["environment"]["url"] == "${{ steps.%s.outputs.page_url }}" % deployment["id"]


def _run_build_command(command: str, project: Path) -> Path:
    """Run the workflow's build line in bash, as the runner would, with the sample base URL."""
    line = command.replace("${{ steps.pages.outputs.base_url }}", SAMPLE_BASE_URL)
    assert "${{" not in line, line
    # The `timeline` script of this venv, running this checkout's generator (what `pip install` gives the runner).
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "PYTHONPATH": str(ROOT)}
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", line], cwd=project, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def _assert_site_for_sample_url(site: Path) -> None:
    base = SAMPLE_BASE_URL + "/"
    index = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="canonical" href="%s">' % re.escape(base), index), "canonical URL of the index"
    assert f"Sitemap: {base}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")
    assert (site / ".nojekyll").is_file()
    assert check_site(site, base, {"404.html": [base + "no/such/page/"]}) == []


def test_repository_workflow_build_command_works(tmp_path):
    workflow = _load(REPO_WORKFLOW)
    install = [line.strip() for s in workflow["jobs"]["build"]["steps"] for line in s.get("run", "").splitlines()
               if "pip install" in line]
    assert install == ["python -m pip install -e ."]
    assert re.search(r'^timeline = "generator\.cli:run"$', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    command = _build_command(workflow)
    assert command == 'timeline build --base-url "${{ steps.pages.outputs.base_url }}/"'
    project = copy_project(tmp_path)
    _assert_site_for_sample_url(_run_build_command(command, project))


def test_init_project_workflow_build_command_works(tmp_path):
    project = init_project(tmp_path / "sample-timeline")
    workflow_file = project / ".github" / "workflows" / "pages.yml"
    assert workflow_file.read_text(encoding="utf-8") == TEMPLATE_WORKFLOW.read_text(encoding="utf-8")
    workflow = _load(workflow_file)
    install = [line.strip() for s in workflow["jobs"]["build"]["steps"] for line in s.get("run", "").splitlines()
               if "pip install" in line]
    assert install == ["python -m pip install -r requirements.txt"] and (project / "requirements.txt").is_file()
    command = _build_command(workflow)
    assert command == 'timeline build --base-url "${{ steps.pages.outputs.base_url }}/"'
    _assert_site_for_sample_url(_run_build_command(command, project))
