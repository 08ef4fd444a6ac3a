"""Work split over forked processes: the same results in the same order as one process."""

import os

import pytest

from generator import parallel


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
