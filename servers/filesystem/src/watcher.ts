import { stat } from 'node:fs/promises';
import path from 'node:path';
import { PermissionDeniedError } from '@refmcp/core';
import type { FSWatcher } from 'chokidar';

export interface FileWatcherOptions {
  /** Most distinct files watched at once; each costs an OS watch handle (inotify on Linux). */
  maxFiles?: number;
  onError?: (error: Error) => void;
}

export interface FileWatcher {
  /**
   * Calls `listener` whenever the file at `realPath` is changed, replaced, deleted or re-created.
   * Resolves once the watch is live, with the function that releases this one registration.
   */
  watch(realPath: string, listener: () => void): Promise<() => void>;
  /** Number of distinct files currently watched. */
  readonly size: number;
  close(): Promise<void>;
}

const READY_POLL_MS = 5;
const READY_TIMEOUT_MS = 2000;
/** Changes closer together than this are reported once, after the last of them. */
const SETTLE_MS = 25;

interface Watched {
  listeners: Set<() => void>;
  ready: Promise<void>;
  /** What the file looked like when last reported, to tell real changes from noise. */
  signature: Promise<string>;
  timer: NodeJS.Timeout | undefined;
}

async function signatureOf(file: string): Promise<string> {
  const stats = await stat(file).catch(() => undefined);
  return stats ? `${stats.ino}:${stats.size}:${stats.mtimeMs}` : 'missing';
}

/**
 * One OS-level watcher shared by every connection of an app, created on the first watch and
 * closed with the app. Registrations are counted per file, so a file stays watched exactly as long
 * as some connection is subscribed to it.
 *
 * chokidar drops a change that follows another within 50 ms, which would leave a subscriber
 * holding stale content. So its events, raw ones included, only trigger a check: after a short
 * settle the file is stat'ed and listeners hear about it when its identity, size or mtime moved.
 * That also keeps reads (atime updates) from echoing back as changes.
 */
export function createFileWatcher(options: FileWatcherOptions = {}): FileWatcher {
  const maxFiles = options.maxFiles ?? 1000;
  const files = new Map<string, Watched>();
  let fsWatcher: FSWatcher | undefined;
  let closing: Promise<void> | undefined;

  const report = (file: string, watched: Watched) => {
    watched.signature = watched.signature.then(async (previous) => {
      const current = await signatureOf(file);
      if (current === previous || files.get(file) !== watched) return current;
      for (const listener of watched.listeners) {
        try {
          listener();
        } catch (error) {
          options.onError?.(error as Error);
        }
      }
      return current;
    });
  };

  const trigger = (file: string) => {
    const watched = files.get(file);
    if (!watched || watched.timer) return;
    watched.timer = setTimeout(() => {
      watched.timer = undefined;
      report(file, watched);
    }, SETTLE_MS);
  };

  let loading: Promise<FSWatcher> | undefined;
  // chokidar is imported on the first subscribe: most sessions never subscribe, and loading it
  // costs ~15 ms of startup.
  const shared = (): Promise<FSWatcher> => {
    loading ??= import('chokidar').then(({ watch }) => {
      // persistent: false, so an idle watch never keeps a process alive on its own.
      fsWatcher = watch([], { ignoreInitial: true, persistent: false, followSymlinks: false });
      fsWatcher.on('all', (_event, changed) => trigger(changed));
      fsWatcher.on('raw', (_event, name, details) => {
        const watchedPath = (details as { watchedPath?: string }).watchedPath;
        if (!watchedPath) return;
        trigger(files.has(watchedPath) ? watchedPath : path.join(watchedPath, name));
      });
      // Without an error listener an EventEmitter error would crash the process.
      fsWatcher.on('error', (error) => options.onError?.(error as Error));
      return fsWatcher;
    });
    return loading;
  };

  const start = async (realPath: string): Promise<void> => {
    const watcher = await shared();
    if (closing || files.get(realPath) === undefined) return;
    watcher.add(realPath);
    // chokidar attaches watches asynchronously and only reports `ready` once per watcher, so
    // poll until this file shows up among the watched ones.
    return new Promise((resolve) => {
      const deadline = Date.now() + READY_TIMEOUT_MS;
      const check = () => {
        const names = watcher.getWatched()[path.dirname(realPath)] ?? [];
        if (names.includes(path.basename(realPath)) || Date.now() > deadline || closing) resolve();
        else setTimeout(check, READY_POLL_MS);
      };
      check();
    });
  };

  return {
    async watch(realPath, listener) {
      if (closing) throw new Error('The file watcher is closed.');
      let watched = files.get(realPath);
      if (!watched) {
        if (files.size >= maxFiles) {
          throw new PermissionDeniedError(`At most ${maxFiles} files can be watched at once.`, {
            hint: 'Unsubscribe from resources that are no longer needed.',
          });
        }
        watched = {
          listeners: new Set(),
          ready: start(realPath),
          signature: signatureOf(realPath),
          timer: undefined,
        };
        files.set(realPath, watched);
      }
      // A fresh wrapper per registration: two subscribers passing the same function stay distinct.
      const registration = () => listener();
      watched.listeners.add(registration);
      const owned = watched;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        owned.listeners.delete(registration);
        if (owned.listeners.size > 0 || files.get(realPath) !== owned) return;
        files.delete(realPath);
        clearTimeout(owned.timer);
        fsWatcher?.unwatch(realPath);
      };
      await Promise.all([owned.ready, owned.signature]);
      return release;
    },
    get size() {
      return files.size;
    },
    close() {
      closing ??= (async () => {
        for (const watched of files.values()) clearTimeout(watched.timer);
        files.clear();
        await loading;
        await fsWatcher?.close();
      })();
      return closing;
    },
  };
}
