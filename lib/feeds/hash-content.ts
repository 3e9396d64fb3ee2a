/** The two hashes of an item: of title and text (to notice edits), and of the text alone (to link relays). */
import { createHash } from 'node:crypto';

export function hashContent(title: string | null, text: string): string {
  return createHash('sha256')
    .update(`${title ?? ''}\u0000${text}`)
    .digest('hex');
}

/** Case and whitespace do not make a relay's copy a different text. */
export function hashText(text: string): string {
  return createHash('sha256')
    .update(text.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase())
    .digest('hex');
}
