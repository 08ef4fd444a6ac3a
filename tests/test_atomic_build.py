"""A build killed with SIGKILL at any moment leaves the previous site complete."""

from __future__ import annotations

import fcntl
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, copy_project, run_timeline
from generator.write import Staging, UnsafePath, safe_relative

import pytest


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def make_big_project(tmp_path: Path, count: int) -> Path:
    project = copy_project(tmp_path)
    events = project / "content" / "events"
    for i in range(count):
        (events / f"bulk-{i:04d}.yaml").write_text(
            f"date: {1900 + i % 120}-{1 + i % 12:02d}\ntitle: Bulk event {i}\n"
            f"summary: |\n  Event number {i} with *some* Markdown text.\ntags: [bulk, t{i % 17}]\n")
    return project


def test_sigkill_at_any_moment_leaves_previous_site(tmp_path):
    project = make_big_project(tmp_path, 600)
    assert run_timeline("build", "-C", str(project)).returncode == 0
    site = project / "site"
    before = digest(site)
    # Change content so a finished build would differ, then kill builds at spread-out moments.
    (project / "content" / "events" / "bulk-0000.yaml").write_text("date: 1900\ntitle: Changed\n")
    for delay in (0.05, 0.2, 0.4, 0.6, 0.8, 1.0, 1.3, 1.6):
        process = subprocess.Popen([sys.executable, "-m", "generator", "build", "-C", str(project)], cwd=ROOT,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = digest(site)
        # Either the old site or (if the build had finished) a complete new one: never a mix.
        assert now == before or ("events/bulk-0000/index.html" in now and len(now) == len(before)), delay
        before = now
    assert run_timeline("build", "-C", str(project)).returncode == 0
    assert not list(project.glob(".site.build-*")), "stale staging folders are cleaned up"


@pytest.mark.parametrize("path", ["../escape.html", "/etc/passwd", "a/../../b", "", "a\\b", ".."])
def test_output_paths_must_stay_inside(path):
    with pytest.raises(UnsafePath):
        safe_relative(path)


def test_an_unsafe_path_is_refused_and_the_site_left_as_it_was(tmp_path):
    output = tmp_path / "site"
    output.mkdir()
    (output / "keep.html").write_text("old")
    staging = Staging(output)
    try:
        with pytest.raises(UnsafePath):
            for path in ("fine.html", "../evil.html"):
                staging.write(path, b"x")
    finally:
        staging.discard()
    assert not (tmp_path / "evil.html").exists()
    assert (output / "keep.html").read_text() == "old"
    # Nothing else beside the site but the spare tree the next build starts from.
    assert sorted(os.listdir(tmp_path)) == [".site.spare", "site"]


def test_a_build_leaves_an_old_site_to_the_remover_still_deleting_it(tmp_path):
    from generator.write import _held, _clean_stale

    output = tmp_path / "site"
    old = tmp_path / ".site.old-abc"
    (old / "a").mkdir(parents=True)
    descriptor = os.open(old, os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_EX)  # as a detached remover holds it
    try:
        assert _held(old)
        _clean_stale(output)
        assert old.exists()
    finally:
        os.close(descriptor)
    assert not _held(old)
    _clean_stale(output)  # a remover killed midway leaves it to the next build
    assert not old.exists()


def _small_tree(root: Path) -> Path:
    for relative in ("index.html", "a/index.html", "a/b/index.html", "c/data.json"):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(relative)
    os.symlink("index.html", root / "a" / "link")
    return root


def test_the_spare_walked_by_a_child_process_is_the_spare_walked_here(tmp_path):
    from generator.write import _tree, _tree_later

    root = _small_tree(tmp_path / "tree")
    expected = _tree(root)
    assert expected[1] == {"a", "a/b", "c"} and "a/link" in expected[0]
    assert _tree_later(root)() == expected
    # With another thread running, forking is unsafe: walked here, the same result.
    import threading
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert _tree_later(root)() == expected
    finally:
        release.set()
        thread.join()


def test_a_failed_build_keeps_the_spare_and_the_site(tmp_path):
    project = make_big_project(tmp_path, 30)
    for _ in range(2):  # the second build leaves the first site as the spare
        assert run_timeline("build", "-C", str(project)).returncode == 0
    site, spare = project / "site", project / ".site.spare"
    before, spare_before = digest(site), digest(spare)
    (project / "content" / "events" / "bulk-0001.yaml").write_text("date: 1900-13\ntitle: Broken\n")
    assert run_timeline("build", "-C", str(project)).returncode == 1
    assert digest(site) == before and digest(spare) == spare_before
    assert not list(project.glob(".site.build-*"))


def test_a_walk_that_fails_in_the_child_is_done_here(tmp_path, monkeypatch):
    from generator import write

    root = _small_tree(tmp_path / "tree")
    parent, walk = os.getpid(), write._tree
    monkeypatch.setattr(write, "_tree", lambda folder: walk(folder) if os.getpid() == parent else 1 / 0)
    assert write._tree_later(root)() == walk(root)


def test_a_walk_interrupted_while_waiting_is_done_here_when_asked_again(tmp_path, monkeypatch):
    # Ctrl+C while a build waits for the spare's walk: the clean-up that follows asks for the walk again. It must
    # not read the pipe it closed (its descriptor may by then be another file's, and reading it hang for ever).
    import builtins

    from generator import write

    root = _small_tree(tmp_path / "tree")
    wait = write._tree_later(root)
    real_open, opened = builtins.open, []

    def interrupted_open(file, *args, **kwargs):
        if isinstance(file, int):
            opened.append(file)
            os.close(file)  # as the `with` block would on its way out
            raise KeyboardInterrupt
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", interrupted_open)
    with pytest.raises(KeyboardInterrupt):
        wait()
    monkeypatch.setattr(builtins, "open", real_open)
    assert wait() == write._tree(root) and len(opened) == 1
    with pytest.raises(ChildProcessError):  # the child was ended and reaped
        os.waitpid(-1, os.WNOHANG)


def _site_with_spare(tmp_path: Path) -> tuple[Path, dict[str, tuple]]:
    """A live site and a spare sharing their files (as after two builds), and the signature (size, inode, mtime)
    each live file was written with."""
    output = _small_tree(tmp_path / "site")
    (output / "a" / "link").unlink()
    spare = tmp_path / ".site.spare"
    signatures = {}
    for path in output.rglob("*"):
        if path.is_file():
            (spare / path.relative_to(output)).parent.mkdir(parents=True, exist_ok=True)
            os.link(path, spare / path.relative_to(output))
            stat = path.stat()
            signatures[path.relative_to(output).as_posix()] = (stat.st_size, stat.st_ino, stat.st_mtime_ns, 0)
    return output, signatures


def test_the_spare_keeps_the_files_it_holds_unchanged_without_the_live_site(tmp_path):
    output, signatures = _site_with_spare(tmp_path)
    # The live file replaced by another: the spare's copy is the one written last time, and is published.
    (output / "index.html").unlink()
    (output / "index.html").write_text("replaced")
    # Rewritten in place (the same inode, shared with the spare, a new time): neither copy will do.
    time.sleep(0.01)
    (output / "a" / "index.html").write_text("edited in place")
    staging = Staging(output)
    assert staging.keep_spare("index.html", signatures["index.html"])
    assert not staging.keep_spare("a/index.html", signatures["a/index.html"])
    assert not staging.keep("a/index.html", signatures["a/index.html"])
    # Not held by the spare, or held as another file: only the live file can be linked in.
    assert not staging.keep_spare("c/other.json", signatures["c/data.json"])
    assert not staging.keep_spare("a/b/index.html", signatures["c/data.json"])
    assert staging.keep("a/b/index.html", signatures["a/b/index.html"])
    staging.commit(["index.html", "a/b/index.html"])
    assert (output / "index.html").read_text() == "index.html"
    assert (output / "a" / "b" / "index.html").read_text() == "a/b/index.html"
    assert not (output / "a" / "index.html").exists() and not (output / "c").exists()


def _wait_until_free(folder: Path) -> None:
    from generator.write import _held

    for _ in range(600):
        if not _held(folder):
            return
        time.sleep(0.05)
    raise AssertionError(f"{folder} still locked")


def test_detached_work_holds_the_lock_and_leaves_the_callers_output(tmp_path):
    from generator.write import _held

    folder, go = tmp_path / "folder", tmp_path / "go"
    folder.mkdir()
    script = f"""
import os, time
from pathlib import Path
from generator.write import _detached
def work():
    while not Path({str(go)!r}).exists():
        time.sleep(0.01)
    (Path({str(folder)!r}) / "done").write_text("yes")
print("started" if _detached(Path({str(folder)!r}), work) else "not started")
"""
    # The caller's output ends when the caller does, while the work still waits (it holds no copy of the pipe).
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.stdout == "started\n"
    assert _held(folder) and not (folder / "done").exists()
    go.write_text("")
    _wait_until_free(folder)
    assert (folder / "done").read_text() == "yes"


def test_a_build_that_wrote_most_files_leaves_a_mirror_as_the_spare(tmp_path, monkeypatch):
    from generator import build as build_module
    from generator.build import build
    from generator.config import load_config
    from generator.write import Staging

    monkeypatch.setattr(build_module, "MIRROR_AFTER", 10)
    project = make_big_project(tmp_path, 40)
    site, spare = project / "site", project / ".site.spare"
    build(load_config(project))  # the first build: every file written, no spare before
    live = digest(site)
    _wait_until_free(spare)
    assert digest(site) == live  # the mirror never touches the live site
    inodes = {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*") if p.is_file()}
    assert len(inodes) > 40
    assert {p.relative_to(spare).as_posix(): p.stat().st_ino for p in spare.rglob("*") if p.is_file()} == inodes
    # The next build after an edit keeps every other file from the spare, without looking at the live site.
    looked = []
    live_stat = Staging._live_stat
    monkeypatch.setattr(Staging, "_live_stat", lambda self, path, signature: looked.append(path)
                        or live_stat(self, path, signature))
    event = project / "content" / "events" / "bulk-0003.yaml"
    event.write_text(event.read_text().replace("title: ", "title: Edited ", 1))
    build(load_config(project), jobs=1)
    assert not [path for path in looked if path.endswith(".html")]  # only data files are compared with theirs
    clean = tmp_path / "clean"
    build(load_config(project), output=clean, use_cache=False)
    assert digest(site) == digest(clean)


def test_a_spare_being_mirrored_is_not_taken_up(tmp_path):
    from generator.build import build
    from generator.config import load_config

    project = make_big_project(tmp_path, 30)
    for _ in range(2):
        build(load_config(project))
    site, spare = project / "site", project / ".site.spare"
    descriptor = os.open(spare, os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_EX)  # as a mirror at work holds it
    try:
        (spare / "marker").write_text("the mirror's")
        event = project / "content" / "events" / "bulk-0003.yaml"
        event.write_text(event.read_text().replace("title: ", "title: Edited ", 1))
        build(load_config(project))
        # Moved aside, untouched, and left to a later build; the site swapped out is the new spare.
        aside = list(project.glob(".site.old-*"))
        assert len(aside) == 1 and (aside[0] / "marker").read_text() == "the mirror's"
        assert not (spare / "marker").exists()
    finally:
        os.close(descriptor)
    build(load_config(project))
    assert not list(project.glob(".site.old-*"))
    clean = tmp_path / "clean"
    build(load_config(project), output=clean, use_cache=False)
    assert digest(site) == digest(clean)
