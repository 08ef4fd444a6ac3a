"""Content read through the build cache (unchanged files taken from it, the rest parsed, in workers when many),
organized, and compared with what the last build read: what changed, and the site's shape."""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import pickle
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Callable

from generator import markup, parallel, spill
from generator.cache import BuildCache, Fingerprints, shard_of, source_signature
from generator.config import Config
from generator.content.load import Content, ReadOne, Reader, cross_checked, load_content
from generator.model import Article, Event
from generator.spill import CACHED, IN_MEMORY, ON_DISK, Spilled, shelved
from generator.timeline import Timeline, organize


def organized(config: Config, cache: BuildCache, include_drafts: bool, jobs: int | None, context: bytes,
              last_shape: SiteShape | None, lap: Callable[[str], None] = lambda phase: None,
              ) -> tuple[Content, Timeline, SiteShape, set[str] | None, tuple]:
    """The content, read through the cache, and organized; the site's shape; the ids of the events edited since the
    last build if nothing else changed (the shape is `last_shape`), else None; and the related rankings' key (the
    last build's rankings are taken when it still holds)."""
    content, changed = load_cached(config, cache, include_drafts, jobs)
    lap("load content")
    timeline = organize(content, config.related_size)
    shape = site_shape(timeline, context, last_shape, changed)
    related_key = (shape.order, shape.placements, config.related_size)
    if cache.related.get("key") == related_key:  # no event moved: the last build's rankings still hold
        timeline.related.remember(cache.related["rankings"])
    edited = {new.id for _, new in changed if isinstance(new, Event)} if shape == last_shape else None
    lap("organize")
    return content, timeline, shape, edited, related_key


def load_cached(config: Config, cache: BuildCache, include_drafts: bool,
                jobs: int | None) -> tuple[Content, list[tuple[object, object]]]:
    """load_content with files unchanged since the last build taken from `cache`, the rest parsed (in parallel
    when many), and the (old or None, new) values of the files that now say something else; the cross-file checks
    are skipped when nothing they look at changed since the last build."""
    before = dict(cache.parsed)
    cache.start_load()  # this load's files only (a cache kept in memory between builds saw others before)
    spill.new_load()

    @functools.cache
    def changed() -> list[tuple[object, object]]:  # once every file is read
        return _changed_values(before, cache.parsed)

    def checked(events: list[Event], articles: dict) -> bool:
        # The cache holds what the last successful build read (a failed build does not save it): the same files,
        # no article edited, and each edited event the same to the checks, pass them as that build did.
        if cache.used != before.keys():
            return False
        return all(isinstance(old, Event) and isinstance(new, Event) and cross_checked(old) == cross_checked(new)
                   for old, new in changed())

    content = load_content(config, include_drafts, cached_reader(cache, jobs), checked)
    return content, changed()


def cached_reader(cache: BuildCache, jobs: int | None) -> Reader:
    """A load_content reader: unchanged files from the cache, the rest parsed (in parallel when many), their long
    texts kept in memory when those files are small in all (spill.SMALL_BATCH), else on disk."""
    def read(files: list[tuple[str | Path, str, ReadOne]]) -> list[tuple[object, list]]:
        results: list = [None] * len(files)
        todo = []
        parsed_bytes = 0
        # Each file to parse names its reader by its place here: forked workers inherit them (they need not pickle).
        readers: dict[ReadOne, int] = {}
        for index, (path, shown, read_one) in enumerate(files):
            key = str(path)
            cache.used.add(key)
            try:
                stat = os.stat(path)
                signature, size = source_signature(stat), stat.st_size
            except OSError:
                signature, size = None, 0
            hit = cache.parsed.get(key)
            if hit is not None and signature is not None and hit[0] == signature:
                if hit[1].path != shown:  # read last from another working folder: named as this build shows it
                    hit = cache.parsed[key] = (hit[0], replace(hit[1], path=shown), hit[2])
                kept = _shelved(hit[1], hit[2], CACHED)
                if kept[0] is not hit[1] or kept[1] is not hit[2]:
                    hit = (hit[0], *kept)
                    cache.keep_entry(key, hit)
                results[index] = (hit[1], [])
            else:
                todo.append((index, path, shown, key, signature, readers.setdefault(read_one, len(readers))))
                parsed_bytes += size
        where = IN_MEMORY if parsed_bytes <= spill.SMALL_BATCH else ON_DISK
        count = parallel.job_count(len(todo), jobs)
        if count > 1 and cache.takes_chunks:  # workers pickle the entries to keep by shard, for the cache's files
            index_of = {item[3]: item[0] for item in todo}
            for chunks, others in parallel.each(_parse_in_chunks, list(readers), parallel.tapered_chunks(todo, count),
                                                count):
                _take_chunks(chunks, index_of, results, cache, where)
                _take_parsed(others, results, cache, where)
                parallel._give_back_free_memory()  # the part's buffers and the texts sent to disk are freed
            return results
        for part in parallel.each(_parse, list(readers), parallel.tapered_chunks(todo, count), count):
            _take_parsed(part, results, cache, where)
            if count > 1:  # the part came pickled from a worker: its buffers and the texts sent to disk are freed
                parallel._give_back_free_memory()
        return results
    return read


def _take_parsed(parsed: list, results: list, cache: BuildCache, where: str) -> None:
    """Parsed files' values into their places in `results`, and those worth keeping into the cache."""
    for (index, _, _, key, signature, _), (value, problems, html) in parsed:
        value, html = _shelved(value, html, where)
        results[index] = (value, problems)
        if _cacheable(value, problems, signature):
            cache.parsed[key] = (signature, value, html)


def _take_chunks(chunks: list[tuple[int, bytes]], index_of: dict[str, int], results: list, cache: BuildCache,
                 where: str) -> None:
    """The entries of chunks from _parse_in_chunks into their places in `results` and into the cache, and each chunk
    as it is into its shard's file."""
    for shard, chunk in chunks:
        kept = {}
        for key, (signature, value, html) in pickle.loads(chunk).items():
            value, html = _shelved(value, html, where)
            results[index_of[key]] = (value, [])
            kept[key] = cache.parsed[key] = (signature, value, html)
        cache.add_chunk(shard, chunk, kept)


def _cacheable(value: object, problems: list, signature: bytes | None) -> bool:
    return value is not None and not problems and signature is not None


def _shelved(value: object, html: str | Spilled | None, where: str) -> tuple[object, str | Spilled | None]:
    """A parsed value and its summary's HTML as this process keeps them: their long texts `where` spill.shelved
    says."""
    if type(value) is Event and html is not None:
        markdown = shelved(value.summary_markdown, where)
        if markdown is not value.summary_markdown:
            value = value.with_summary_kept(markdown)
        html = markup.remember(markdown, html, where)
    elif type(value) is Article:
        body = shelved(value.body, where)
        if body is not value.body:
            value = replace(value, body=body)
    return value, html


def _changed_values(before: dict[str, tuple], after: dict[str, tuple]) -> list[tuple[object, object]]:
    """(old value or None, new value) of each file parsed again that now says something else (a touched file says
    the same, and so does a file only named otherwise in messages, read from another working folder)."""
    changed = []
    for key, (signature, value, _) in after.items():
        old = before.get(key)
        if old is not None and old[0] == signature:  # taken from the cache (perhaps kept another way): unchanged
            continue
        if old is None or old[1] is not value and old[1] != value and not _renamed(old[1], value):
            changed.append((None if old is None else old[1], value))
    return changed


def _renamed(old: object, new: object) -> bool:
    """Whether two parsed values differ only in the path their messages show."""
    return type(old) is type(new) and old.path != new.path and replace(old, path=new.path) == new


def _parse(readers: list[ReadOne], part: list) -> list:
    """Worker: parse files (each with the reader it names), and render event summaries while at it (the costliest
    step after parsing)."""
    results = []
    for item in part:
        value, problems = readers[item[5]](item[1], item[2])
        summary = getattr(value, "summary", "")
        results.append((item, (value, problems, markup.rendered_now(summary) if summary else None)))
    return results


def _parse_in_chunks(readers: list[ReadOne], part: list) -> tuple[list[tuple[int, bytes]], list]:
    """Worker: _parse, with the entries the cache keeps pickled by shard, one chunk each (the parent process unpickles
    them for itself and writes them as they are into the cache's files: see BuildCache.add_chunk); the other files'
    results as _parse gives them."""
    by_shard: dict[int, dict] = {}
    others = []
    for item, (value, problems, html) in _parse(readers, part):
        key, signature = item[3], item[4]
        if _cacheable(value, problems, signature):
            by_shard.setdefault(shard_of(key), {})[key] = (signature, value, html)
        else:
            others.append((item, (value, problems, html)))
    return [(shard, pickle.dumps(entries, pickle.HIGHEST_PROTOCOL)) for shard, entries in sorted(by_shard.items())], others


@dataclass(frozen=True)
class SiteShape:
    """What every page depends on except the contents of the events it shows: equal shapes, the same pages
    showing the same events in the same places."""

    frame: bytes  # templates, config, assets (drafts shown or not: the order says)
    order: list[str]  # event ids in timeline order
    placements: bytes  # digest of every event's placement (order, year, tags, actors, status, quoted articles)
    articles: list[str]  # article ids
    article_digest: bytes  # digest of the articles' fields


def placements_digest(events: tuple[Event, ...]) -> bytes:
    """A digest of every event's placement, in order. Placements are tuples of texts, numbers and None, which marshal
    writes in C (twice as fast as repr): format 0, which never writes a value as a reference to an equal one or marks
    a text as interned, so equal placements give equal bytes whichever objects they are made of."""
    return hashlib.blake2b(marshal.dumps([event.placement() for event in events], 0), digest_size=16).digest()


def site_shape(timeline: Timeline, frame: bytes, last: SiteShape | None,
               changed: list[tuple[object, object]]) -> SiteShape:
    """The site's shape; the digests of the `last` build's shape are reused where no `changed` file can have
    changed them (placements: the same events in the same order, each edited one placed as before; articles:
    the same ones, none edited), which spares digesting ~3 MB of placements and every article at 10,000 events."""
    order = [event.id for event in timeline.events]
    if last is not None and last.order == order and all(
            isinstance(old, Event) and old.placement() == new.placement() if isinstance(new, Event)
            else not isinstance(old, Event) for old, new in changed):
        placements = last.placements
    else:
        placements = placements_digest(timeline.events)
    articles = [article.id for article in timeline.articles]
    if last is not None and last.articles == articles and not any(isinstance(new, Article) for _, new in changed):
        article_digest = last.article_digest
    else:  # each article as its fields: a long text is hashed as it is, not escaped by repr first
        article_digest = Fingerprints().of([[getattr(article, field.name) for field in fields(article)]
                                            for article in timeline.articles])
    return SiteShape(frame, order, placements, articles, article_digest)
