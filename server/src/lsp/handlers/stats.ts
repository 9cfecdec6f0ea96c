// `quadletLs/analysisStats`: how many units and documents the analysis has run so far. Read-only;
// tests use it to prove that an edit re-analyses only what it touches.

import { HandlerModule } from '../context';

export const ANALYSIS_STATS_REQUEST = 'quadletLs/analysisStats';

export const statsHandler: HandlerModule = {
  register({ connection, service }) {
    connection.onRequest(ANALYSIS_STATS_REQUEST, () => ({ ...service.analysis.stats, files: service.index.size }));
  },
};
