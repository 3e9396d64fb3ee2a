/** Reconciliation of extracted reports into tallies (see docs/reconciliation.md). */
export { reconcileDay } from './reconcile-day.js';
export { reconcileWindow } from './reconcile-window.js';
export { deriveTotal } from './derive-total.js';
export { compareReports, rankReports } from './rank-reports.js';
export * from './types.js';
