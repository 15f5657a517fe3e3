import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exitOf, isGroupAlive, isProcessAlive, recordOf, spawnComponent, stopGroup } from './processes';

describe('processes', () => {
  it('stops a whole process group: a wrapper script and the child it started', async () => {
    const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xietong-')), 'wrapper.log');
    const wrapper = spawnComponent('sh', ['-c', 'sleep 30 & echo child $!; wait'], { env: process.env, logFile });
    const record = recordOf(wrapper.pid!);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const childPid = Number(/child (\d+)/.exec(fs.readFileSync(logFile, 'utf8'))?.[1]);
    expect(isProcessAlive(recordOf(childPid))).toBe(true);

    expect(await stopGroup(record, 2000)).toBe('stopped');
    expect(isGroupAlive(record)).toBe(false);
    expect(isProcessAlive(recordOf(childPid))).toBe(false);
  });

  it('does not take a pid the system has given to another process for the one it recorded', async () => {
    const sleeper = spawn('sleep', ['30']);
    const record = recordOf(sleeper.pid!);
    expect(isProcessAlive(record)).toBe(true);
    expect(isProcessAlive({ ...record, startTime: '1' })).toBe(false);
    sleeper.kill();
    await exitOf(sleeper);
    expect(isProcessAlive(record)).toBe(false);
  });
});
