/**
 * Watching directories for changed files (`--watch`): fs.watch on each directory (inotify on
 * Linux, no polling), changes that come in a burst (an editor's write, rename and chmod) run
 * `onChange` once, after `settleMs` without another.
 */
import { type FSWatcher, watch } from 'node:fs';

export interface DirWatcher {
  close(): void;
}

export function watchDirs(dirs: readonly string[], onChange: () => void, settleMs = 100): DirWatcher {
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      onChange();
    }, settleMs);
    timer.unref();
  };
  const watchers: FSWatcher[] = [];
  for (const dir of dirs) {
    try {
      const w = watch(dir, { persistent: false }, changed);
      // A directory removed or unreadable later: the next reload reports it; the watcher just stops.
      w.on('error', () => w.close());
      watchers.push(w);
    } catch {
      // Not watchable now (gone, not a directory): the reload that follows a change elsewhere reports it.
    }
  }
  return {
    close() {
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
