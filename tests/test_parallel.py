"""Work split over forked processes: the same results in the same order as one process."""

import os
import pickle
import signal

import pytest

from generator import parallel, sitefiles
from generator.dates import PartialDate
from generator.errors import WorkerLost
from generator.model import Event, Source
from test_incremental_build import project  # noqa: F401

_SITE_PART = sitefiles._site_part


def _squares_and_process(offset, part):
    return [offset + n * n for n in part], os.getpid()


@pytest.mark.parametrize("jobs", [2, 3])
def test_parts_come_back_in_order_with_the_same_results_as_one_process(jobs):
    parts = parallel.chunks(list(range(100)), 7)
    expected = [[5 + n * n for n in part] for part in parts]
    results = parallel.run(_squares_and_process, 5, parts, jobs)
    assert [values for values, _ in results] == expected
    assert os.getpid() not in {pid for _, pid in results}  # every part ran in a worker


def test_one_job_or_one_part_runs_here():
    assert parallel.run(_squares_and_process, 1, [[2], [3]], 1) == [([5], os.getpid()), ([10], os.getpid())]
    assert parallel.run(_squares_and_process, 1, [[2]], 4) == [([5], os.getpid())]


def test_chunks_are_dealt_round_robin():
    assert parallel.chunks(list(range(7)), 3) == [[0, 3, 6], [1, 4], [2, 5]]


def test_tapered_chunks_end_with_short_parts_and_hold_every_item_once():
    items = list(range(1000))
    parts = parallel.tapered_chunks(items, 2)
    assert sorted(item for part in parts for item in part) == items
    assert [len(part) for part in parts] == [125] * 6 + [32, 31, 31, 31] * 2  # the last part of each worker in four
    assert parallel.tapered_chunks(list(range(3)), 2) == [[0], [1], [2]]  # no empty part


def _killed_in_part_one(_, part):
    if part == [1]:
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel ends a process when memory runs out
    return part


def test_a_killed_worker_fails_the_run_instead_of_hanging_it():
    def hung(signum, frame):
        raise TimeoutError("the run hung")

    previous = signal.signal(signal.SIGALRM, hung)  # a hang fails this test rather than stalling the suite
    signal.alarm(30)
    try:
        with pytest.raises(WorkerLost):
            parallel.run(_killed_in_part_one, None, [[0], [1], [2], [3]], 2)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert parallel.run(_killed_in_part_one, None, [[0], [2]], 2) == [[0], [2]]  # and the next run works


def _killed_with_pages(shared, part):
    if part[0] == "pages":
        os.kill(os.getpid(), signal.SIGKILL)
    return _SITE_PART(shared, part)


def test_a_build_whose_worker_is_killed_says_so_and_leaves_the_site(project, monkeypatch, capsys):
    from generator import cli
    from test_incremental_build import make_edit, tree

    monkeypatch.setenv("TIMELINE_SERVER", "off")
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_JOB", 1)
    assert cli.main(["build", "-C", str(project), "--jobs", "2"]) == 0
    before = tree(project / "site")
    make_edit(project, "template")  # every page to render again, in workers
    monkeypatch.setattr(sitefiles, "_site_part", _killed_with_pages)
    capsys.readouterr()
    assert cli.main(["build", "-C", str(project), "--jobs", "2"]) == 1
    error = capsys.readouterr().err
    assert "a worker process ended before finishing its work" in error and "--jobs 1" in error
    assert "Traceback" not in error
    assert tree(project / "site") == before


def _resident_mb() -> float:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024


def test_free_pages_between_kept_objects_go_back_to_the_system_before_workers_fork(monkeypatch):
    """What a big load frees between what it keeps (pickles, texts sent to disk) would otherwise count in every
    worker forked after it."""
    kept, freed = [], []
    for i in range(50_000):  # ~100 MB of 2 KB texts (the C allocator's, not Python's small-object pools)
        freed.append("x" * 2000 + str(i))
        if i % 64 == 0:  # now and then a text that stays, so the freed ones are not at the heap's end
            kept.append("k" * 600 + str(i))
    freed.clear()
    before = _resident_mb()
    calls = []
    trim = parallel._give_back_free_memory
    monkeypatch.setattr(parallel, "_give_back_free_memory", lambda: calls.append(os.getpid()) or trim())
    assert parallel.run(_squares_and_process, 1, [[2], [3]], 2)[0][0] == [5]
    assert calls == [os.getpid()]  # once, in this process, before the workers
    assert before - _resident_mb() > 50
    assert kept[-1].startswith("k")


def test_equal_dates_come_back_from_a_worker_as_one_object_with_their_fields():
    def date(text):
        return PartialDate.parse(text)

    sent = [date("2020-09-03"), date("2020-09-03"), date("2020-09~"), date("-0043"), date("2020-W36?")]
    back = pickle.loads(pickle.dumps(sent))
    assert back == sent and [str(d) for d in back] == ["2020-09-03", "2020-09-03", "2020-09~", "-0043", "2020-W36?"]
    assert back[0] is back[1] and back[0] is not sent[0]
    assert pickle.loads(pickle.dumps(date("2020-09-03"))) is back[0]  # one object per process, not per message
    event = Event("e", date("2020-09-03"), "T", "e.yaml",
                  sources=(Source("https://a.example", published=date("2020-09-03")),))
    again = pickle.loads(pickle.dumps(event))
    assert again == event and again.date is again.sources[0].published is back[0]
