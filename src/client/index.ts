/** The UI's door to the simulation: one client, over a Worker in the app. */
export { SimClient } from './client.ts';

import { SimClient } from './client.ts';
import { HEARTBEAT_MS } from './watchdog.ts';
import { WorkerTransport, type KillMode } from './workerTransport.ts';

/** The transport of the newest client (what the test hook kills). */
let newest: WorkerTransport | null = null;

/**
 * Under automation (`navigator.webdriver`: Playwright), `window.__fastzapTest.killWorker(mode)`
 * kills the current worker in one of the ways a real one dies, so an end-to-end test can see the
 * app notice and recover. Absent for people.
 */
function installTestHook(): void {
  if (typeof window === 'undefined' || !navigator.webdriver) return;
  const w = window as unknown as { __fastzapTest?: { killWorker: (mode: KillMode) => void } };
  w.__fastzapTest ??= { killWorker: (mode) => newest?.kill(mode) };
}

/** A client over a new module Worker (the app's default), with request timeouts and a heartbeat. */
export function createWorkerClient(): SimClient {
  newest = new WorkerTransport();
  installTestHook();
  return new SimClient(newest, { heartbeatMs: HEARTBEAT_MS });
}
