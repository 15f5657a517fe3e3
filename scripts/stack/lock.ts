// `.stack/<profile>/stack.json`: who runs a stack of that profile, and the pids of its children.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ComponentName } from './components';
import type { Profile, ProfileName } from './profiles';
import { isGroupAlive, isProcessAlive, type ProcessRecord } from './processes';

export interface StackLock {
  profile: ProfileName;
  /** The foreground `npm start` process; null for a stack the tests started and left detached. */
  launcher: ProcessRecord | null;
  /** Who started it, for messages. */
  owner: string;
  startedAt: string;
  children: Partial<Record<ComponentName, ProcessRecord>>;
}

export function lockPath(profile: Profile): string {
  return path.join(profile.stateDir, 'stack.json');
}

export function readLock(profile: Profile): StackLock | null {
  let text: string;
  try {
    text = fs.readFileSync(lockPath(profile), 'utf8');
  } catch {
    return null;
  }
  try {
    return JSON.parse(text) as StackLock;
  } catch {
    // A half-written file from a crash holds nothing we could stop; drop it so a new start can lock.
    removeLock(profile);
    return null;
  }
}

/** Creates the lock only if there is none, so two launchers of one profile cannot both start. */
export function tryCreateLock(profile: Profile, lock: StackLock): boolean {
  fs.mkdirSync(profile.stateDir, { recursive: true });
  try {
    fs.writeFileSync(lockPath(profile), JSON.stringify(lock, null, 2), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Read-modify-write; the tests may add or remove children while a launcher holds the lock. */
export function updateLock(profile: Profile, change: (lock: StackLock) => void): void {
  const lock = readLock(profile);
  if (!lock) return;
  change(lock);
  const temporary = `${lockPath(profile)}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(lock, null, 2));
  fs.renameSync(temporary, lockPath(profile));
}

export function removeLock(profile: Profile): void {
  fs.rmSync(lockPath(profile), { force: true });
}

/** A stack runs while its launcher does, or, when it has none, while any of its children does. */
export function isStackRunning(lock: StackLock): boolean {
  if (lock.launcher) return isProcessAlive(lock.launcher);
  return liveChildren(lock).length > 0;
}

export function liveChildren(lock: StackLock): ComponentName[] {
  return (Object.keys(lock.children) as ComponentName[]).filter((name) => {
    const record = lock.children[name];
    return record !== undefined && isGroupAlive(record);
  });
}
