"""Which source files (config.yaml, content, templates) changed since the last look: read from the kernel's queue of
file events (inotify) where the system has it, else found by a `stat` of every file.

The kernel queues a file's event within the call that changes it, so a look taken after an editor's save returned
sees that save: no waiting, and no race. (watchfiles, which `--watch` uses, batches events in a thread of its own,
so it cannot tell "every change up to now".)
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.cache import source_signature
from generator.config import Config
from generator.render import template_dirs

Signatures = dict[str, bytes]


class SourceWatch:
    """The changes to one project's sources since the last call of `changes` (or since it was made)."""

    def __init__(self, config: Config):
        target = config.output_dir.resolve()
        # The build's own output, spare and staging folders: never the editor's changes.
        self._ours = (str(target), f"{target}{os.sep}", f"{target.parent}{os.sep}.{target.name}.")
        self._config_file = str(config.project_dir / "config.yaml")
        self._roots = [str(folder.resolve()) for folder in [config.content_dir, *template_dirs(config)]]
        self._inotify = _inotify()
        self._folders: dict[int, str] = {}  # watch descriptor -> folder
        self._signatures: Signatures = {}
        if self._inotify is not None:
            try:
                self._add_watches()
            except OSError:  # out of watches (fs.inotify.max_user_watches), or no inotify on this file system
                self._inotify.close()
                self._inotify = None
        if self._inotify is None:
            self._signatures = self._scan()

    def changes(self) -> list[Path] | None:
        """The files made, changed or deleted since the last call, or None when that cannot be told (a folder
        made, moved or deleted, or the kernel's queue overflowed): anything may have changed."""
        if self._inotify is None:
            before, self._signatures = self._signatures, self._scan()
            changed = [path for path, signature in self._signatures.items() if before.get(path) != signature]
            return sorted(Path(path) for path in changed + [path for path in before if path not in self._signatures])
        from inotify_simple import flags

        changed: set[str] = set()
        unknown = False
        project = os.path.dirname(self._config_file)
        while events := self._inotify.read(timeout=0):
            for event in events:
                folder = self._folders.get(event.wd)
                if event.mask & (flags.Q_OVERFLOW | flags.IGNORED | flags.DELETE_SELF | flags.MOVE_SELF):
                    unknown = True  # events lost, or a watched folder gone
                    continue
                if folder is None:
                    continue
                path = os.path.join(folder, event.name)
                if self._is_ours(path):
                    continue
                if folder == project and path not in self._roots:
                    if path == self._config_file:
                        changed.add(path)
                    continue  # the project folder is watched for config.yaml and the roots alone
                if event.mask & flags.ISDIR or path in self._roots:
                    unknown = True  # a folder made, moved or deleted: its files are not watched yet
                else:
                    changed.add(path)
        if unknown:  # watches set again on the folders as they are now
            for descriptor in list(self._folders):
                try:
                    self._inotify.rm_watch(descriptor)
                except OSError:
                    pass
            self._folders.clear()
            self._add_watches()
            while self._inotify.read(timeout=0):
                pass
            return None
        return sorted(Path(path) for path in changed)

    def close(self) -> None:
        if self._inotify is not None:
            self._inotify.close()

    def _add_watches(self) -> None:
        from inotify_simple import flags

        mask = (flags.MODIFY | flags.ATTRIB | flags.CLOSE_WRITE | flags.CREATE | flags.DELETE | flags.MOVED_FROM
                | flags.MOVED_TO | flags.DELETE_SELF | flags.MOVE_SELF | flags.ONLYDIR)
        self._folders[self._inotify.add_watch(os.path.dirname(self._config_file), mask)] = os.path.dirname(
            self._config_file)
        for folder in self._folders_now():
            self._folders[self._inotify.add_watch(folder, mask)] = folder

    def _scan(self) -> Signatures:
        """The signature of every source file (see cache.source_signature)."""
        signatures: Signatures = {}
        paths = [self._config_file]
        for folder in self._folders_now():
            try:
                paths += [entry.path for entry in os.scandir(folder) if not entry.is_dir()]
            except OSError:  # gone since the walk
                continue
        for path in paths:
            try:
                signatures[path] = source_signature(os.stat(path))
            except OSError:
                continue
        return signatures

    def _folders_now(self) -> list[str]:
        """Every folder under the roots, the build's own left out."""
        found = []
        for root in self._roots:
            for folder, subfolders, _ in os.walk(root):
                subfolders[:] = [name for name in subfolders if not self._is_ours(os.path.join(folder, name))]
                found.append(folder)
        return found

    def _is_ours(self, path: str) -> bool:
        return path == self._ours[0] or path.startswith(self._ours)


def _inotify():
    """A non-blocking inotify instance, or None where there is none (not Linux, or no instances left)."""
    try:
        from inotify_simple import INotify

        return INotify()
    except (ImportError, OSError, AttributeError):
        return None
