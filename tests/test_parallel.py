"""Work split over forked processes: the same results in the same order as one process, wherever each part ran."""

import os

import pytest

from generator import parallel


def _squares_and_process(offset, part):
    return [offset + n * n for n in part], os.getpid()


@pytest.mark.parametrize("caller_shares", [False, True])
@pytest.mark.parametrize("jobs", [2, 3])
def test_parts_come_back_in_order_with_the_same_results_as_one_process(jobs, caller_shares):
    parts = parallel.chunks(list(range(100)), 7)
    expected = [[5 + n * n for n in part] for part in parts]
    results = parallel.run(_squares_and_process, 5, parts, jobs, caller_shares=caller_shares)
    assert [values for values, _ in results] == expected


def test_a_sharing_caller_takes_every_jobs_th_part_and_workers_the_rest():
    results = parallel.run(_squares_and_process, 0, [[n] for n in range(9)], 3, caller_shares=True)
    here = [index for index, (_, pid) in enumerate(results) if pid == os.getpid()]
    assert here == [0, 3, 6]


def test_without_sharing_every_part_runs_in_a_worker():
    results = parallel.run(_squares_and_process, 0, [[n] for n in range(6)], 2)
    assert os.getpid() not in {pid for _, pid in results}


def test_one_job_or_one_part_runs_here():
    assert parallel.run(_squares_and_process, 1, [[2], [3]], 1) == [([5], os.getpid()), ([10], os.getpid())]
    assert parallel.run(_squares_and_process, 1, [[2]], 4, caller_shares=True) == [([5], os.getpid())]
