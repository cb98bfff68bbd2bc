import { ipcMain, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import { API_CALLS, apiChannel, type ApiWireResult } from '../../shared/api-calls';
import type { ApiHandlers } from '../../shared/api';
import { dispatchApiCall } from '../services/api-dispatch';
import { isAppUrl } from './app-protocol';

/** Only the app's own top-level page, loaded from the app protocol, may call the main side. */
function isTrustedSender(frame: WebFrameMain | null): boolean {
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

/** One handler per call of the contract (the GitHub Desktop pattern): sender check, then schema. */
export function registerApiHandlers(handlers: ApiHandlers, log: (line: string) => void): void {
  for (const name of API_CALLS) {
    ipcMain.handle(apiChannel(name), async (event: IpcMainInvokeEvent, request: unknown): Promise<ApiWireResult> => {
      if (!isTrustedSender(event.senderFrame)) {
        log(`dropped ${name} from an untrusted sender`);
        return { ok: false, error: { code: 'untrusted-sender', message: 'This page may not use the app.' } };
      }
      return dispatchApiCall(handlers, name, request, log);
    });
  }
}
