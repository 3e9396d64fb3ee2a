/**
 * The ordered side of a secondary index: every entry's key (the indexed fields' values, in MongoDB's BSON
 * order and the index's directions), then the document's insertion sequence, in a B+ tree from
 * `sorted-btree`. A walk over a range of keys yields the documents of a range query, or of a sort on the
 * index's fields, in index order without looking at any other document. Equal keys come in natural
 * (insertion) order, as a stable sort of the natural order would put them.
 */
import sortedBtree from 'sorted-btree';
import { compareBson, rankOf } from '../query/bson-order.js';

/** The B+ tree class, whichever way the CommonJS package's default export reaches this ES module. */
const BTree = typeof sortedBtree === 'function' ? sortedBtree : sortedBtree.default;

/** A bound below (`side` -1) or above (+1) every value of a BSON type rank, or of all ranks. */
class KeyBound {
  constructor(
    readonly rank: number,
    readonly side: -1 | 1,
  ) {}
}

/** Below and above every value. */
export const LOWEST = new KeyBound(-Infinity, -1);
export const HIGHEST = new KeyBound(Infinity, 1);

/** Below or above every value of the same BSON type as `value`. */
export function typeBound(value: unknown, side: -1 | 1): KeyBound {
  return new KeyBound(rankOf(value), side);
}

type KeyPart = unknown;

function comparePart(a: KeyPart, b: KeyPart): number {
  const aBound = a instanceof KeyBound;
  const bBound = b instanceof KeyBound;
  if (!aBound && !bBound) return compareBson(a, b);
  const aRank = aBound ? a.rank : rankOf(a);
  const bRank = bBound ? b.rank : rankOf(b);
  if (aRank !== bRank) return aRank < bRank ? -1 : 1;
  return (aBound ? a.side : 0) - (bBound ? b.side : 0);
}

/** One position in the index: a value per field (or a bound), then the sequence (or ±Infinity). */
export type IndexKey = KeyPart[];

export class OrderedKeys {
  private readonly tree;

  constructor(private readonly directions: readonly number[]) {
    this.tree = new BTree<IndexKey, string>(undefined, (a, b) => this.compare(a, b));
  }

  get size(): number {
    return this.tree.size;
  }

  compare(a: IndexKey, b: IndexKey): number {
    const fields = this.directions.length;
    for (let i = 0; i < fields; i++) {
      const order = comparePart(a[i], b[i]);
      if (order !== 0) return order * this.directions[i]!;
    }
    return (a[fields] as number) - (b[fields] as number);
  }

  /** True when two keys hold the same field values (their sequences aside). */
  sameFields(a: IndexKey, b: IndexKey, from = 0, to = this.directions.length): boolean {
    for (let i = from; i < to; i++) if (comparePart(a[i], b[i]) !== 0) return false;
    return true;
  }

  add(values: readonly unknown[], sequence: number, id: string): void {
    this.tree.set([...values, sequence], id);
  }

  remove(values: readonly unknown[], sequence: number): void {
    this.tree.delete([...values, sequence]);
  }

  clear(): void {
    this.tree.clear();
  }

  /**
   * The entries from `low` to `high` (keys built with bounds, so never equal to an entry's), in index
   * order or, with `reverse`, the other way.
   */
  *walk(low: IndexKey, high: IndexKey, reverse = false): Generator<[IndexKey, string]> {
    if (!reverse) {
      for (const entry of this.tree.entries(low)) {
        if (this.compare(entry[0], high) > 0) return;
        yield entry;
      }
      return;
    }
    for (const entry of this.tree.entriesReversed(high)) {
      if (this.compare(entry[0], low) < 0) return;
      yield entry;
    }
  }
}
