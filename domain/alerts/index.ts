export { addDays, listDates, toDayNumber, fromDayNumber } from './calendar.js';
export {
  computeLookbackDays,
  detectRegionAlerts,
  type RegionDetectionInput,
} from './detect-region-alerts.js';
export { detectSilentSource, type SilenceInput } from './detect-silent-source.js';
export { DEFAULT_THRESHOLDS, resolveThresholds } from './thresholds.js';
export type { AlertThresholds, RegionThresholdOverrides } from './thresholds.js';
export { COMMUNITY_METRICS, DETECTION_KINDS } from './types.js';
export type { CommunityDay, Detection, DetectionKind, RegionDay, ReportRef } from './types.js';
