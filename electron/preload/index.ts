import { contextBridge, ipcRenderer } from 'electron';
import { API_BRIDGE_GLOBAL, API_CALLS, apiChannel, type ApiBridge, type ApiWireResult } from '../../shared/api-calls';

// Exactly one function per call of the contract, and nothing generic: no channel name, no
// ipcRenderer, no event emitter reaches the page.
const bridge = Object.fromEntries(
  API_CALLS.map((name) => [name, (request: unknown): Promise<ApiWireResult> => ipcRenderer.invoke(apiChannel(name), request)]),
) as ApiBridge;

contextBridge.exposeInMainWorld(API_BRIDGE_GLOBAL, Object.freeze(bridge));
