/**
 * Generates the case forms of Ukrainian place names and hromada adjectives by their ending, so that
 * "Білопільська" also finds "Білопільській громаді" and "Нікополь" also finds "по Нікополю". Russian endings
 * are generated beside them; after folding (fold-name.ts) they meet Russian text ("Марганецкой", "Никополе").
 * Over-generation is harmless: the forms are only ever looked up, never produced for display.
 */

const UK_ADJECTIVE_FEMININE = ['а', 'ої', 'ій', 'у', 'ою'];
const UK_ADJECTIVE_PLURAL = ['і', 'их', 'им', 'ими'];
const RU_ADJECTIVE = ['ая', 'ой', 'ую', 'ою', 'ие', 'их', 'им', 'ими', 'ые', 'ых'];

/** Case forms of a feminine hromada adjective ("Білопільська" -> Білопільської, Білопільській, Белопольской-like). */
export function declineAdjective(adjective: string): string[] {
  if (!adjective.endsWith('а')) return [adjective];
  const stem = adjective.slice(0, -1);
  return [...UK_ADJECTIVE_FEMININE, ...UK_ADJECTIVE_PLURAL, ...RU_ADJECTIVE].map((ending) => stem + ending);
}

/** Case forms of one word of a settlement name, chosen by its ending. */
export function declinePlaceWord(word: string, isLeadingAdjective = false): string[] {
  const forms = new Set([word]);
  const add = (stem: string, endings: readonly string[]): void => {
    for (const ending of endings) forms.add(stem + ending);
  };
  const last = word.slice(-1);
  const lastTwo = word.slice(-2);

  if (isLeadingAdjective) {
    // "Велика Писарівка", "Новий Буг", "Нове ...", "Нижні Сірогози".
    if (lastTwo === 'ий' || lastTwo === 'ій')
      add(word.slice(0, -2), ['ий', 'ого', 'ому', 'им', 'ім', 'ый', 'ом']);
    else if (last === 'а' || last === 'я')
      add(word.slice(0, -1), ['а', 'ої', 'ій', 'у', 'ою', 'ая', 'ой', 'ую']);
    else if (last === 'е' || last === 'є') add(word.slice(0, -1), ['е', 'ого', 'ому', 'им', 'ом', 'ое']);
    else if (last === 'і') add(word.slice(0, -1), ['і', 'их', 'им', 'ими', 'ие', 'ых']);
    return [...forms];
  }

  if (lastTwo === 'ів' || lastTwo === 'їв') {
    // Глухів -> Глухова, Глухові (і/о alternation), Russian Глухов; Миколаїв -> Миколаєва, Зміїв -> Зміїва.
    const stem = word.slice(0, -2);
    const endings = ['в', 'ва', 'ву', 'ві', 'вом', 'ве'];
    add(stem + (lastTwo === 'їв' ? 'є' : 'о'), endings);
    if (lastTwo === 'їв') add(stem + 'ї', endings);
  } else if (lastTwo === 'ий' || lastTwo === 'ій') {
    add(word.slice(0, -2), ['ий', 'ого', 'ому', 'им', 'ім', 'ом']);
  } else if (last === 'е' || last === 'є') {
    // Neuter adjectival names: Веселе -> Веселого, Веселому; Підгороднє -> Підгороднього.
    const soft = last === 'є';
    add(
      word.slice(0, -1),
      soft ? ['є', 'ього', 'ьому', 'ім', 'ье', 'ьего'] : ['е', 'ого', 'ому', 'им', 'ом', 'ое'],
    );
  } else if (last === 'я') {
    // Білопілля -> Білопіллі, Білопіллю, Білопіллям; Балаклія -> Балаклії, Балаклію, Балаклією.
    add(word.slice(0, -1), ['я', 'ю', 'і', 'ям', 'ї', 'єю', 'е', 'ей']);
  } else if (last === 'а') {
    const stem = word.slice(0, -1);
    add(stem, ['а', 'и', 'і', 'у', 'ою', 'ы', 'е', 'ой']);
    // Юнаківка -> Юнаківці, Ворожба -> Ворожбі, Лосиха -> Лосисі: consonant alternation before і.
    const alternation: Record<string, string> = { к: 'ц', г: 'з', х: 'с' };
    const final = stem.slice(-1);
    const alternated = alternation[final];
    if (alternated) add(stem.slice(0, -1) + alternated, ['і', 'е']);
  } else if (last === 'ь') {
    // Нікополь -> Нікополя, Нікополю, Нікополі, Нікополем; Буринь -> Бурині.
    add(word.slice(0, -1), ['ь', 'я', 'ю', 'і', 'ем', 'е']);
  } else if (last === 'и' || last === 'і') {
    // Plural names: Суми -> Сум, Сумах; Липці -> Липців, Липцях.
    const stem = word.slice(0, -1);
    add(stem, ['', 'ів', 'ах', 'ам', 'ями', 'ах', 'ях', 'ям', 'ами', 'ов', 'ы']);
  } else if (last === 'о') {
    add(word.slice(0, -1), ['о', 'а', 'у', 'і', 'ом', 'е']);
  } else if (/[бвгґджзклмнпрстфхцчшщ]$/.test(word)) {
    // Куп’янськ -> Куп’янська, Куп’янську, Куп’янськом; Херсон -> Херсоні.
    add(word, ['а', 'у', 'і', 'ом', 'е', 'ем', 'ові']);
  }
  return [...forms];
}
