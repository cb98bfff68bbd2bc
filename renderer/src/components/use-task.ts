import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient, TaskStatus } from '../../../shared/api';
import { errorMessage } from '../../../shared/errors';

const POLL_MS = 350;

export interface TaskHandle {
  status: TaskStatus | null;
  /** A refusal to start, or a polling failure, in the user's words. */
  error: string | null;
  running: boolean;
  start(begin: () => Promise<{ taskId: string }>): void;
  cancel(): void;
}

/** Long work on the main side: start it, poll its status until it ends, cancel on request. */
export function useTask(api: ApiClient, onDone?: (status: TaskStatus) => void): TaskHandle {
  const [status, setStatus] = useState<TaskStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const taskId = useRef<string | null>(null);
  /** Bumped on every start and on unmount, so an older polling loop stops. */
  const generation = useRef(0);
  const doneRef = useRef(onDone);
  useEffect(() => {
    doneRef.current = onDone;
  }, [onDone]);
  useEffect(
    () => () => {
      generation.current += 1;
    },
    [],
  );

  const start = useCallback(
    (begin: () => Promise<{ taskId: string }>) => {
      generation.current += 1;
      const mine = generation.current;
      setStatus(null);
      setError(null);
      setRunning(true);
      const run = async () => {
        const { taskId: id } = await begin();
        taskId.current = id;
        for (;;) {
          const next = await api.getTaskStatus({ taskId: id });
          if (generation.current !== mine) return;
          setStatus(next);
          if (next.state !== 'running') {
            taskId.current = null;
            setRunning(false);
            doneRef.current?.(next);
            return;
          }
          await new Promise((resolve) => window.setTimeout(resolve, POLL_MS));
        }
      };
      run().catch((reason: unknown) => {
        if (generation.current !== mine) return;
        taskId.current = null;
        setRunning(false);
        setError(errorMessage(reason));
      });
    },
    [api],
  );

  const cancel = useCallback(() => {
    const id = taskId.current;
    if (id) api.cancelTask({ taskId: id }).catch(() => undefined);
  }, [api]);

  return { status, error, running, start, cancel };
}
