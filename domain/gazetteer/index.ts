/** The gazetteer: regions, hromadas and how report texts name them. */
export { findRegionMentions, type RegionMention, type RegionMentionKind } from './find-region-mentions.js';
export { getRegion, isRegionKey, listRegions, resolveRegionName, type Region } from './regions.js';
