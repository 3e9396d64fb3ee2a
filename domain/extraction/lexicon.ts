/**
 * The words reports use for what they count, for weapons and for casualties, as whole-word patterns over
 * normalised tokens (see scan-text.ts). Case endings are listed explicitly so that, for example,
 * "вибухових" (explosive, an adjective) does not read as "вибухів" (explosions). Scraped text sometimes loses
 * the first letter of each word to an encoding error ("��зрывов"), so the main terms also match without it.
 */
import { memoiseWord } from './memoise-word.js';
import type { MetricName, WeaponKind } from './types.js';

export type CountMetric = Exclude<MetricName, 'injured' | 'killed'>;

export const TERM_PATTERNS: ReadonlyArray<readonly [CountMetric, RegExp]> = [
  [
    'communities',
    /^(?:громад(?:а|и|і|у|ою|ам|ами|ах)?|громады|hromadas?|communit(?:y|ies)|общин(?:а|ы|е|у|ой|ам|ами|ах)?)$/,
  ],
  ['settlements', /^(?:settlements?|localit(?:y|ies)|villages?|towns|сіл|сел)$/],
  [
    'attacks',
    /^(?:о?бстріл(?:и|ів|у|ом|ам|ами|ах|і)?|удар(?:и|ів|у|ом|ам|ами|ах|і|а|ов)?|атак(?:а|и|у|ам|ами|ах|ою)?|о?бстрел(?:ы|ов|а|ам|ами|ах|е)?|attacks?|strikes?|shellings?|airstrikes?)$/,
  ],
  [
    'explosions',
    /^(?:в?ибух(?:и|ів|у|ом|ам|ах)?|в?зрыв(?:ы|ов|а|ам|ах)?|приліт|прильот(?:и|ів|у|ом|ам|ах)?|прил[её]т(?:ы|ов|а|ам)?|explosions?|arrivals?|hits?|blasts?|parishes|приход(?:и|ів|ов|ы)?|попадани(?:й|я|е|ем|ям)|влучан(?:ь|ня|ням|нями|нях)|розрив(?:и|ів|у|ом)?|разрыв(?:ы|ов|а|ам)?)$/,
  ],
  ['projectiles', /^(?:снаряд(?:и|ів|а|ам|ами|ах|ов)?|projectiles?|shells)$/],
];

/** Settlement nouns that come as "населен* пункт*" in Ukrainian and Russian. */
export const SETTLEMENT_ADJECTIVE =
  /^(?:населен(?:ий|ого|ому|им|і|их|ими|ный|ного|ному|ным|ные|ных|ными|ном)|населені)$/;
export const SETTLEMENT_NOUN = /^пункт(?:|а|у|ом|і|и|ів|ам|ами|ах|ов)$/;

/** "N times", "N разів", "у N випадках": a count of attack events when an attack verb is near. */
export const TIMES_TERM = /^(?:раз|рази|разів|раза|times|випадк(?:ах|ів|и|у)|случа(?:ях|ев))$/;

/** Verbs of attacking that make "N times" a count of attacks. */
export const ATTACK_VERB =
  /^(?:обстр|атакува|атакова|били|бив|била|бил$|вдари|удари|ударил|стріля|стреля|гати|накри|завда|нанес|нанос|здійсн|соверш|fired|fire$|firing|shelled|shelling|attacked|attacking|struck|striking|hit$|hitting|targeted|assailed|bombard|pounded)/;

export const WEAPON_PATTERNS: ReadonlyArray<readonly [WeaponKind, RegExp]> = [
  [
    'mlrs',
    /^(?:рсзв|рсзо|град(?:и|ів|ами|а|ов|ом)?|урага|смерч|mlrs?|grad|uragan|smerch|hurricane|реактивн)/,
  ],
  [
    'guided_bomb',
    /^(?:каб(?:и|ів|ами|ом|а)?$|kabs?$|авіабомб|авиабомб|керован|управляем|guided$|bombs?$|бомб)/,
  ],
  [
    'aviation',
    /^(?:авіаці|авіаційн|авіаудар|авиаци|авиаудар|авиацион|aircraft|aviation|airstrikes?$|aerial$|гелікоптер|гелікоптер|вертол|helicopter|літак|самол)/,
  ],
  ['mortar', /^(?:міномет|минометн|миномет|mortars?)/],
  ['artillery', /^(?:артилер|артиллер|ствольн|сау$|гармат|artillery|cannon|howitzer|tubed$)/],
  [
    'drone',
    /^(?:бпла|дрон|безпілотн|беспилотн|uavs?$|drones?|fpv|шахед|shahed|геран|ланцет|lancet|kamikaze|камікадзе|камикадзе|молні|вог$|vog$)/,
  ],
  ['missile', /^(?:ракет|missiles?$|ракетн)/],
  ['tank', /^(?:танк(?:а|и|ів|ов|ами|ів|ових|овий|овым|ового|овий)?$|tanks?$)/],
  ['grenade_launcher', /^(?:агс|гранатомет|grenade$)/],
];

/** The weapon a single normalised word names, if any. */
export const readWeaponWord = memoiseWord((word: string): WeaponKind | undefined => {
  for (const [kind, pattern] of WEAPON_PATTERNS) if (pattern.test(word)) return kind;
  return undefined;
});

/** The counted metric a single normalised word names, if any. */
export const readTermWord = memoiseWord((word: string): CountMetric | undefined => {
  for (const [metric, pattern] of TERM_PATTERNS) if (pattern.test(word)) return metric;
  return undefined;
});

/** Words that name people (for casualty phrases): "people", "осіб", "мешканців", "civilians", ... */
export const PERSON_WORD =
  /^(?:people|persons?|civilians?|residents?|others?|more|men|women|children|людей|людини|людина|людину|осіб|особи|особа|мешкан\p{L}*|житель|жител\p{L}*|цивільн\p{L}*|мирн\p{L}*|челове\p{L}*|люд\p{L}*|громадян\p{L}*|чоловік\p{L}*|жін\p{L}*|женщин\p{L}*|мужчин\p{L}*|дит\p{L}*|діт\p{L}*|дет\p{L}*|ще|еще|also|another|inhabitants?)$/u;

/** Singular person nouns: "жінку", "чоловік", "людина", "a civilian", "мешканця", "житель". */
export const SINGULAR_PERSON =
  /^(?:людина|людину|людини|чоловік|чоловіка|жінка|жінку|житель|жителька|жительку|жителя|мешканець|мешканця|мешканка|мешканку|цивільний|цивільна|цивільну|цивільного|дитина|дитину|хлопець|хлопця|дівчина|дівчинку|охоронець|водій|пенсіонер|пенсіонерка|мужчина|женщина|житель|жительница|ребенок|man|woman|civilian|resident|person|child|boy|girl|officer|guard|driver|teenager|mother|father|farmer|worker|господиня|господар|поліцейський|рятувальник|медик)$/;

export type CasualtyKind = 'injured' | 'killed' | 'both';

/** A word that names casualties, and which kind. */
export const readCasualtyWord = memoiseWord((word: string): CasualtyKind | undefined => {
  if (INJURED_WORD.test(word)) return 'injured';
  if (KILLED_WORD.test(word)) return 'killed';
  if (BOTH_WORD.test(word)) return 'both';
  return undefined;
});

const INJURED_WORD =
  /^(?:поранен\p{L}*|поранил\p{L}*|постраждал\p{L}*|постраждав|травмован\p{L}*|ранен\p{L}*|ранени\p{L}*|ранил\p{L}*|пострадал\p{L}*|пострадавш\p{L}*|injur\p{L}*|wounded|wounding|wound|wounds|hurt|hospitali[sz]ed|госпіталізован\p{L}*|госпитализирован\p{L}*)$/u;
const KILLED_WORD =
  /^(?:загин\p{L}*|загиб\p{L}*|вбит\p{L}*|вбил\p{L}*|убит\p{L}*|убил\p{L}*|погиб\p{L}*|погибш\p{L}*|помер\p{L}*|умер\p{L}*|died|dead|deaths?|killed|killing|kill|kills|lives|life|життя|жизни|жертв\p{L}*)$/u;
const BOTH_WORD = /^(?:потерпіл\p{L}*|casualties|casualty|victims?)$/u;
