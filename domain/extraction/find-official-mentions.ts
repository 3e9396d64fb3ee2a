/**
 * Names of the heads of oblast military administrations, who sign the daily summaries. Many relays name only
 * the official ("повідомив Сергій Лисак", "Prokudin wrote"), so the name is evidence of the region.
 */
import type { Token } from './scan-text.js';
import type { RegionKey } from './types.js';

export interface OfficialMention {
  region: RegionKey;
  start: number;
  end: number;
}

// Surname stems in Ukrainian, Russian and English spellings; a token must start with one of them.
const OFFICIALS: ReadonlyArray<readonly [RegionKey, RegExp]> = [
  [
    'sumy',
    /^(?:живицьк|живицк|zhyvytsk|zhivitsk|zhyvytskyi|артюх|artiukh|artyukh|григоров|hryhorov|grigorov)/,
  ],
  ['kharkiv', /^(?:синєгуб|синегуб|syniehub|synehub|sinegub|syniegub|synyehub)/],
  ['kherson', /^(?:прокудін|прокудин|prokudin)/],
  ['zaporizhzhia', /^(?:федоров|fedorov|малашк|malashk|старух|starukh)/],
  ['dnipropetrovsk', /^(?:лисак|лысак|lysak|резніченк|резниченк|reznichenk|ганж[аиуі]|hanzha)/],
  ['donetsk', /^(?:філашкін|филашкин|filashkin|кириленк|kyrylenk|kirilenk)/],
  ['chernihiv', /^(?:чаус|chaus)$/],
  ['mykolaiv', /^(?:кім|кіма|кіму|кімом|kim)$/],
  ['odesa', /^(?:кіпер|кипер|kiper)/],
];

/** Every official's name in the token stream, in order. */
export function findOfficialMentions(tokens: readonly Token[]): OfficialMention[] {
  const mentions: OfficialMention[] = [];
  for (const token of tokens) {
    if (token.kind !== 'word') continue;
    for (const [region, pattern] of OFFICIALS) {
      if (pattern.test(token.norm)) {
        mentions.push({ region, start: token.start, end: token.end });
        break;
      }
    }
  }
  return mentions;
}
