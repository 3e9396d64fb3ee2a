/**
 * Turns a fetched body into text. The charset comes from, in order: a byte-order mark, the Content-Type
 * header's `charset`, the XML prolog's `encoding`, an HTML `<meta charset>`; UTF-8 otherwise. Several
 * Ukrainian sites still serve windows-1251, which iconv-lite decodes like any other.
 */
import iconv from 'iconv-lite';

const BOMS: Array<[Buffer, string]> = [
  [Buffer.from([0xef, 0xbb, 0xbf]), 'utf-8'],
  [Buffer.from([0xff, 0xfe]), 'utf-16le'],
  [Buffer.from([0xfe, 0xff]), 'utf-16be'],
];

function charsetFromContentType(contentType: string | undefined): string | null {
  const match = /charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '');
  return match?.[1] ?? null;
}

/** Reads the declared encoding from the first bytes, which are ASCII in every charset we accept. */
function charsetFromMarkup(body: Buffer): string | null {
  const head = body.subarray(0, 1024).toString('latin1');
  const prolog = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (prolog?.[1]) return prolog[1];
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return meta?.[1] ?? null;
}

export interface DecodedBody {
  text: string;
  charset: string;
}

/** Decodes a body; an unknown charset name falls back to UTF-8 rather than failing the fetch. */
export function decodeBody(body: Buffer, contentType?: string): DecodedBody {
  for (const [bom, charset] of BOMS) {
    if (body.subarray(0, bom.length).equals(bom)) {
      return { text: iconv.decode(body.subarray(bom.length), charset), charset };
    }
  }
  const declared = charsetFromContentType(contentType) ?? charsetFromMarkup(body);
  const charset = declared && iconv.encodingExists(declared) ? declared.toLowerCase() : 'utf-8';
  return { text: iconv.decode(body, charset), charset };
}
