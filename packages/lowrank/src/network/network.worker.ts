/** Worker module of the network thread pool (networkPool.ts). */
import { serveThread } from '@neurobridge/core';
import { runNetworkThread, type NetworkThreadJob } from './networkThreadRun.js';

serveThread({
  simulate: (job: NetworkThreadJob) => runNetworkThread(job),
});
