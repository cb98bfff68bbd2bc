import { describe, expect, it } from 'vitest';
import { TaskRegistry, abortableDelay } from '../../electron/services/tasks/task-registry';
import { UserFacingError } from '../../electron/services/errors';
import { TaskStatusSchema } from '../../shared/api';

const until = async (check: () => boolean, ms = 2000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('task registry', () => {
  it('answers an id at once, reports progress while running, and the result at the end', async () => {
    const tasks = new TaskRegistry();
    let step!: () => void;
    const id = tasks.start('pdf-export', 'Starting', async ({ report }) => {
      report({ progress: 0.5, message: 'Rendering the PDF' });
      await new Promise<void>((r) => (step = r));
      return { kind: 'pdf-export', saved: { outcome: 'saved', path: '/tmp/x.pdf', bytes: 10 } };
    });
    await until(() => tasks.status(id).progress === 0.5);
    expect(tasks.status(id)).toMatchObject({ state: 'running', message: 'Rendering the PDF', kind: 'pdf-export', result: null });
    step();
    await until(() => tasks.status(id).state !== 'running');
    const done = tasks.status(id);
    expect(done).toMatchObject({ state: 'succeeded', progress: 1, result: { kind: 'pdf-export', saved: { outcome: 'saved' } } });
    expect(TaskStatusSchema.safeParse(done).success).toBe(true);
  });

  it('cancels: the work sees the abort, and the status ends "cancelled"', async () => {
    const tasks = new TaskRegistry();
    let sawAbort = false;
    const id = tasks.start('metadata-download', 'Downloading', async ({ signal }) => {
      try {
        await abortableDelay(10_000, signal);
      } finally {
        sawAbort = signal.aborted;
      }
      return { kind: 'pdf-export', saved: { outcome: 'cancelled' } };
    });
    expect(tasks.cancel(id)).toMatchObject({ state: 'running', message: 'Cancelling…' });
    await until(() => tasks.status(id).state !== 'running');
    expect(tasks.status(id)).toMatchObject({ state: 'cancelled', error: null, result: null });
    expect(sawAbort).toBe(true);
  });

  it('shows a user-facing failure as it is, and hides anything else behind a plain message (logged)', async () => {
    const logs: string[] = [];
    const tasks = new TaskRegistry({ log: (l) => logs.push(l) });
    const a = tasks.start('metadata-download', 'x', async () => {
      throw new UserFacingError('The server answered 404: no metadata at that address.');
    });
    const b = tasks.start('metadata-download', 'x', async () => {
      throw new Error('EACCES /home/secret');
    });
    await until(() => tasks.status(a).state !== 'running' && tasks.status(b).state !== 'running');
    expect(tasks.status(a)).toMatchObject({ state: 'failed', error: 'The server answered 404: no metadata at that address.' });
    expect(tasks.status(b).error).not.toMatch(/EACCES/);
    expect(logs.join()).toMatch(/EACCES/);
  });

  it('forgets finished tasks after a while and refuses unknown ids in plain words', async () => {
    let now = 0;
    const tasks = new TaskRegistry({ keepFinishedMs: 1000, now: () => new Date(now) });
    const id = tasks.start('pdf-export', 'x', async () => ({ kind: 'pdf-export', saved: { outcome: 'cancelled' } }));
    await until(() => tasks.status(id).state === 'succeeded');
    now = 5000;
    tasks.start('pdf-export', 'y', async () => ({ kind: 'pdf-export', saved: { outcome: 'cancelled' } }));
    expect(() => tasks.status(id)).toThrow(/not known/);
  });
});
