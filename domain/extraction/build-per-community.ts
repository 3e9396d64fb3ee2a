/**
 * Per-community breakdowns: "Краснопільська громада: артилерія (25 вибухів), міномет (11 вибухів)".
 */
import type { Token } from './scan-text.js';
import type { SentenceInfo } from './extract-reports.js';
import type { CommunityTally, RegionKey } from './types.js';

export function buildPerCommunity(
  _text: string,
  _tokens: readonly Token[],
  _sentences: readonly SentenceInfo[],
  _region: RegionKey,
  _offset: number,
): CommunityTally[] {
  return [];
}
