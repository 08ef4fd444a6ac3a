"""The build server: `timeline build` answered by a process that keeps the last build, with the same results (files,
problems, exit codes) as a build in the asking process."""

from __future__ import annotations

import os
import signal
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from conftest import ROOT
from generator.buildclient import server_wanted
from test_incremental_build import clean_build, corpus, first_event, make_edit, project, tree  # noqa: F401


@pytest.fixture()
def sockets() -> Path:
    """The servers' folder for one test (short: a socket's path has at most 107 bytes); every server still
    listening there is stopped after it."""
    folder = Path(tempfile.mkdtemp(prefix="rt-", dir="/tmp"))
    yield folder / "timeline"
    for path in (folder / "timeline").glob("*.sock"):
        with socket.socket(socket.AF_UNIX) as client:
            try:
                client.connect(str(path))
                client.sendall(b'{"stop": true}\n')
                client.recv(100)
            except OSError:
                pass
    shutil.rmtree(folder)


def timeline(project: Path, sockets: Path, *args: str, cwd: Path = ROOT, **environment: str,
             ) -> subprocess.CompletedProcess:
    """`timeline build` as an editor runs it, with build servers allowed."""
    env = {key: value for key, value in os.environ.items() if key not in ("TIMELINE_SERVER", "CI")}
    env.update({"XDG_RUNTIME_DIR": str(sockets.parent), "TIMELINE_SERVER_IDLE": "120", **environment})
    return subprocess.run([sys.executable, "-m", "generator", "build", "-C", str(project), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300, env=env)


def server_pid(sockets: Path) -> int:
    """The process listening on the only socket in `sockets`."""
    [path] = sockets.glob("*.sock")
    with socket.socket(socket.AF_UNIX) as client:
        client.connect(str(path))
        credentials = client.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12)
    return int.from_bytes(credentials[:4], sys.byteorder)


STARTED = "started a build server"


def no_server_left(sockets: Path, seconds: float = 60) -> bool:
    """Wait until no server listens in `sockets` (its socket file goes last, after the cache and spare are put
    away); False if one still does after `seconds`."""
    deadline = time.monotonic() + seconds
    while list(sockets.glob("*.sock")) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not list(sockets.glob("*.sock"))


@pytest.mark.parametrize("edit", ["title", "summary", "date", "add", "delete", "rename", "article", "template",
                                  "config"])
def test_builds_through_the_server_publish_what_a_clean_build_makes(project, sockets, edit):
    first = timeline(project, sockets)
    assert first.returncode == 0 and STARTED in first.stderr, first.stderr
    assert list(sockets.glob("*.sock"))
    make_edit(project, edit)
    again = timeline(project, sockets, "--timings")
    assert again.returncode == 0, again.stderr
    assert STARTED not in again.stderr  # the same server
    assert ("re-read edited events" in again.stderr) == (edit in ("title", "summary")), again.stderr
    assert tree(project / "site") == clean_build(project, project.parent / "clean")
    # Nothing changed: published again as it stands, the same bytes.
    unchanged = timeline(project, sockets)
    assert unchanged.returncode == 0 and "(0 pages rendered" in unchanged.stdout, unchanged.stdout
    assert tree(project / "site") == clean_build(project, project.parent / "clean-2")
    assert "Traceback" not in first.stderr + again.stderr + unchanged.stderr


def test_problems_come_back_as_from_a_build_here_and_the_site_stays(project, sockets):
    assert timeline(project, sockets).returncode == 0
    before = tree(project / "site")
    path = first_event(project)
    text = path.read_text()
    path.write_text("title: [unclosed\n")
    for cwd in (ROOT, project):  # files named from where the build was asked for
        failed = timeline(project, sockets, cwd=cwd)
        here = timeline(project, sockets, "--no-server", cwd=cwd)
        assert failed.returncode == here.returncode == 1
        assert failed.stderr == here.stderr  # `path:line:col: field: message`, the hint and the count, word for word
        assert f"{path.name}:2:1: (yaml): invalid YAML" in failed.stderr and "hint:" in failed.stderr, failed.stderr
    assert failed.stderr.splitlines()[1].startswith(f"content/events/{path.name}:2:1:")
    assert tree(project / "site") == before
    path.write_text(text.replace("title: ", "title: Mended ", 1))
    mended = timeline(project, sockets)
    assert mended.returncode == 0, mended.stderr
    assert tree(project / "site") == clean_build(project, project.parent / "clean")


def test_a_killed_server_is_replaced_and_the_site_stays_whole(project, sockets):
    assert timeline(project, sockets).returncode == 0
    os.kill(server_pid(sockets), signal.SIGKILL)
    time.sleep(0.2)
    make_edit(project, "title")
    after = timeline(project, sockets)
    assert after.returncode == 0 and STARTED in after.stderr, after.stderr
    assert tree(project / "site") == clean_build(project, project.parent / "clean")


def test_a_server_stops_when_asked_when_idle_and_on_term(project, sockets):
    assert timeline(project, sockets).returncode == 0
    stopped = timeline(project, sockets, "--stop-server")
    assert stopped.stdout == "build server stopped\n" and not list(sockets.glob("*.sock"))
    assert "no build server was running" in timeline(project, sockets, "--stop-server").stdout
    # Idle: gone by itself, its socket with it.
    assert timeline(project, sockets, TIMELINE_SERVER_IDLE="0.5").returncode == 0
    assert no_server_left(sockets, 30)
    # TERM: the cache saved, the staging folder made ready put back as the spare.
    assert timeline(project, sockets).returncode == 0
    make_edit(project, "title")
    assert timeline(project, sockets).returncode == 0
    os.kill(server_pid(sockets), signal.SIGTERM)
    assert no_server_left(sockets, 30)
    siblings = {path.name for path in project.iterdir()}
    assert ".site.spare" in siblings and not [name for name in siblings if name.startswith(".site.build-")]
    log = (project / ".timeline-cache" / "build-server.log").read_text()
    assert "Traceback" not in log


def test_other_options_get_their_own_server(project, sockets):
    assert timeline(project, sockets).returncode == 0
    drafts = timeline(project, sockets, "--drafts", "-o", str(project.parent / "preview"))
    assert drafts.returncode == 0 and STARTED in drafts.stderr
    assert len(list(sockets.glob("*.sock"))) == 2
    assert sorted(path.name for path in sockets.iterdir() if path.suffix != ".sock") == ["bind.lock"]
    plain = project.parent / "plain"
    subprocess.run([sys.executable, "-m", "generator", "build", "-C", str(project), "--drafts", "-o", str(plain),
                    "--no-server", "--no-cache"], cwd=ROOT, check=True, capture_output=True)
    assert tree(project.parent / "preview") == tree(plain)


def test_a_server_started_by_other_code_makes_way(project, sockets):
    assert timeline(project, sockets).returncode == 0
    module = ROOT / "generator" / "timeline.py"
    status = module.stat()
    try:
        os.utime(module, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
        make_edit(project, "title")
        after = timeline(project, sockets)
    finally:
        os.utime(module, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert after.returncode == 0 and STARTED in after.stderr, after.stderr
    assert tree(project / "site") == clean_build(project, project.parent / "clean")


@pytest.mark.parametrize("args, environment", [(["--no-server"], {}), (["--no-cache"], {}), ([], {"CI": "true"}),
                                               ([], {"TIMELINE_SERVER": "off"})])
def test_no_server_is_started_when_turned_off(project, sockets, args, environment):
    result = timeline(project, sockets, *args, **environment)
    assert result.returncode == 0 and STARTED not in result.stderr
    assert not list(sockets.glob("*.sock"))


def test_ci_and_the_switch_are_read_as_documented():
    assert server_wanted({})
    assert server_wanted({"CI": "false"}) and server_wanted({"TIMELINE_SERVER": "on"})
    assert not server_wanted({"CI": "true"}) and not server_wanted({"CI": "1"})
    assert not server_wanted({"TIMELINE_SERVER": "off"}) and not server_wanted({"TIMELINE_SERVER": "0"})


def test_builds_asked_at_once_are_made_one_after_the_other(project, sockets):
    assert timeline(project, sockets).returncode == 0
    env = {key: value for key, value in os.environ.items() if key not in ("TIMELINE_SERVER", "CI")}
    env["XDG_RUNTIME_DIR"] = str(sockets.parent)
    make_edit(project, "title")
    runs = [subprocess.Popen([sys.executable, "-m", "generator", "build", "-C", str(project)], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    assert len(list(sockets.glob("*.sock"))) == 1
    assert tree(project / "site") == clean_build(project, project.parent / "clean")


def test_a_build_with_worker_processes_ends_and_so_does_the_server(tmp_path, sockets):
    # Enough files for the first build to parse and render in forked workers, which a pool ends with TERM: the
    # server's own handling of that signal must not keep them (and so the build) alive.
    project = corpus.generate(1000, tmp_path / "big").root
    first = timeline(project, sockets, "--jobs", "2")
    assert first.returncode == 0 and STARTED in first.stderr, first.stderr
    make_edit(project, "title")
    assert timeline(project, sockets, "--jobs", "2").returncode == 0
    os.kill(server_pid(sockets), signal.SIGTERM)
    assert no_server_left(sockets, 60)
    assert tree(project / "site") == clean_build(project, tmp_path / "clean")


def test_a_request_reads_the_config_once_for_its_watch_and_its_build(project, monkeypatch):
    # Read twice, an edit to config.yaml in between could have the watch follow one folder and the build another.
    from generator.buildserver import _Server
    from generator.buildclient import ServerOptions
    from generator.config import load_config

    monkeypatch.chdir(project)
    readings = []

    def load():
        readings.append(1)
        return load_config(project)

    server = _Server(load, ServerOptions(project.resolve()))
    try:
        for _ in range(2):
            before = len(readings)
            answer = server._build({"cwd": str(project)})
            assert answer.get("result") and len(readings) == before + 1, answer
            make_edit(project, "title")
    finally:
        server.stop_watching()
        server.kept.close()
