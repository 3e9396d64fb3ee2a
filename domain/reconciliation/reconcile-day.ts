/**
 * Reconciliation: the reports about one region and Kyiv-local day become one tally per window they cover,
 * plus the derived `total`. Pure and deterministic: the same reports give the same tallies in any order,
 * which is what makes re-running an ingest harmless. The rules are documented in docs/reconciliation.md.
 */
import { deriveTotal } from './derive-total.js';
import { reconcileWindow } from './reconcile-window.js';
import { REPORT_WINDOWS } from './types.js';
import type { ReconciledTally, ReportFigures } from './types.js';

export function reconcileDay(reports: readonly ReportFigures[]): ReconciledTally[] {
  const tallies: ReconciledTally[] = [];
  for (const window of REPORT_WINDOWS) {
    const inWindow = reports.filter((report) => report.window === window);
    if (inWindow.length > 0) tallies.push(reconcileWindow(window, inWindow));
  }
  const total = deriveTotal(tallies);
  if (total) tallies.push(total);
  return tallies;
}
