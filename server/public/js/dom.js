/**
 * Builds DOM nodes from plain values. API data only ever becomes text nodes and attributes, never HTML,
 * so a report's text cannot inject markup into the page.
 */

/**
 * Creates an element: `h('a', { href, class: 'x' }, 'text', child)`. Attributes set to null or false are
 * left out; `true` sets an empty attribute; functions under `on*` names become event listeners.
 * @param {string} tag
 * @param {Record<string, unknown>} [attributes]
 * @param {...(Node | string | number | null | undefined | false)[]} children
 * @returns {HTMLElement}
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), /** @type {EventListener} */ (value));
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  appendChildren(element, children.flat());
  return element;
}

/** @param {Node} parent @param {(Node | string | number | null | undefined | false)[]} children */
function appendChildren(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content with the given children. */
export function replaceChildren(parent, ...children) {
  parent.replaceChildren();
  appendChildren(parent, children.flat());
}

/** The element with this id; throws when the page lacks it, which is a bug in index.html. */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page has no #${id}`);
  return element;
}

/**
 * A name as the API gives it in both languages: the Ukrainian one marked `lang="uk"` so screen readers
 * pronounce it as Ukrainian, the English one after it.
 * @param {{ nameUk?: string | null, nameEn?: string | null, name?: string | null }} named
 */
export function bilingualName(named) {
  const uk = named.nameUk ?? named.name ?? null;
  const en = named.nameEn ?? null;
  if (uk && en && uk !== en) {
    return h('span', { class: 'name' }, h('span', { lang: 'uk' }, uk), h('span', { class: 'name-en' }, en));
  }
  return h('span', { class: 'name', lang: uk ? 'uk' : null }, uk ?? en ?? '');
}
