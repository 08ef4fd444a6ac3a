"""Work split over forked worker processes: the same results, in the same order, as one process."""

from __future__ import annotations

import copyreg
import gc
import dataclasses
import os
import signal
import threading
from collections.abc import Iterator
from operator import attrgetter

from generator.dates import PartialDate
from generator.errors import WorkerLost
from generator.model import Article, Event, Extraction, Source

# Below this many items a second process costs more (fork, pickling) than it saves.
MIN_ITEMS_PER_JOB = 400

# Forked workers inherit this instead of receiving it pickled (page plans can be hundreds of MB).
_shared: object = None


def available_jobs() -> int:
    """Cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def job_count(items: int, jobs: int | None) -> int:
    """How many processes to use for `items` units of work (`jobs` None: as many as pay off)."""
    if jobs is None:
        # Forking copies only the calling thread; another thread holding a lock (a preview server,
        # a test's HTTP server) could leave it locked forever in the child. Only when asked for.
        if threading.active_count() > 1:
            return 1
        jobs = available_jobs()
    if not hasattr(os, "fork"):  # multiprocessing's "fork" start method needs it
        return 1
    return max(1, min(jobs, items // MIN_ITEMS_PER_JOB))


def chunks(items: list, parts: int) -> list[list]:
    """`items` dealt round-robin into `parts` lists, so costly neighbours spread over all workers."""
    return [items[start::parts] for start in range(parts)]


def tapered_chunks(items: list, jobs: int, parts_each: int = 4) -> list[list]:
    """`items` dealt into `parts_each` parts for each of `jobs` workers (as chunks does), the last part of each dealt
    again into four: taken in order, the short ones come last, so the workers end closer together."""
    parts = chunks(items, parts_each * jobs)
    return [part for part in parts[:-jobs] + [small for part in parts[-jobs:] for small in chunks(part, 4)] if part]


def run(function, shared: object, parts: list, jobs: int) -> list:
    """[function(shared, part) for part in parts], computed in `jobs` forked processes."""
    return list(each(function, shared, parts, jobs))


def each(function, shared: object, parts: list, jobs: int) -> Iterator:
    """function(shared, part) for each part in turn, computed in `jobs` forked processes; each result comes as soon as
    it and those before it are done, so the caller can be done with one (and free it) before the next arrives."""
    global _shared
    if jobs <= 1 or len(parts) <= 1:
        for part in parts:
            yield function(shared, part)
        return
    # Imported here: a build that needs no workers (after an edit) never pays for the imports.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    _shared = shared
    # Objects that exist before the fork are left to the parent's collector: a worker's garbage
    # collection would otherwise touch (and so copy) every page of memory it inherited.
    gc.freeze()
    _give_back_free_memory()
    try:
        # Not multiprocessing.Pool: when a worker is killed (out of memory), a Pool forks a replacement that can
        # wait forever on a lock the dead one held, and the build hangs; this executor fails instead.
        with ProcessPoolExecutor(jobs, multiprocessing.get_context("fork"), initializer=_ended_by_term) as pool:
            try:
                # One part at a time, in order: a worker that finishes early takes the next part.
                yield from pool.map(_call, [(function, part) for part in parts])
            finally:  # the caller stopped early (it failed): the parts not yet begun are not worth waiting for
                pool.shutdown(cancel_futures=True)
    except BrokenProcessPool:
        raise WorkerLost("a worker process ended before finishing its work (killed, perhaps for want of memory)")
    finally:
        _shared = None
        gc.unfreeze()


def _give_back_free_memory() -> None:
    """Return the heap's free pages to the system (glibc's malloc_trim), so that workers forked next do not count
    them: loading 100,000 events leaves ~75 MB of them between the objects it keeps (freed pickles and texts that
    went to disk), which workers' own allocations did not reuse (bench/memory.py)."""
    global _malloc_trim
    if _malloc_trim is None:
        import ctypes

        try:  # the C library the interpreter runs with
            _malloc_trim = ctypes.CDLL(None).malloc_trim
        except (OSError, AttributeError):  # not glibc
            _malloc_trim = False
    if _malloc_trim:
        _malloc_trim(0)


_malloc_trim = None


def _ended_by_term() -> None:
    """A worker ends at once on TERM, which is how a pool ends its workers, whatever handler the parent process set
    (a build server or `--watch` turns TERM into a clean stop of its own, which a worker must not inherit)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _call(task):
    function, part = task
    return function(_shared, part)


def _fields_reducer(cls):
    get = attrgetter(*(f.name for f in dataclasses.fields(cls)))
    return lambda obj: (cls, get(obj))


def _shared_date(fields: tuple) -> PartialDate:
    """The one PartialDate with these fields in this process: 100,000 events and their sources held 220,000 dates,
    but 31,000 different event dates and 23,000 source dates, which every worker forked later holds too."""
    date = _dates.get(fields)
    if date is None:
        date = _dates[fields] = PartialDate(*fields)
    return date


_dates: dict[tuple, PartialDate] = {}
_date_fields = attrgetter(*(f.name for f in dataclasses.fields(PartialDate)))

# Frozen, slotted dataclasses pickle through a Python-level __getstate__ that walks fields();
# rebuilding them from a tuple of field values is ~2x faster, which matters for 100,000 events.
for _cls in (Event, Source, Extraction, Article):
    copyreg.pickle(_cls, _fields_reducer(_cls))
copyreg.pickle(PartialDate, lambda date: (_shared_date, (_date_fields(date),)))
