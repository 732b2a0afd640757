/** The UI's door to the simulation: one client, over a Worker in the app. */
export { SimClient } from './client.ts';

import { SimClient } from './client.ts';
import { WorkerTransport } from './workerTransport.ts';

/** A client over a new module Worker (the app's default). */
export function createWorkerClient(): SimClient {
  return new SimClient(new WorkerTransport());
}
