/** The gazetteer: regions, hromadas and how report texts name them. */
export { findCommunityMentions, type CommunityMention } from './find-community-mentions.js';
export { findRegionMentions, type RegionMention, type RegionMentionKind } from './find-region-mentions.js';
export { getHromada, listHromadas, type Hromada, type HromadaType } from './hromadas.js';
export { matchCommunity } from './match-community.js';
export { getRegion, isRegionKey, listRegions, resolveRegionName, type Region } from './regions.js';
export type { NameKind } from './community-index.js';
