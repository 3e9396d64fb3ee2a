/** What every command handler receives, and small helpers for reading command fields. */
import type { Document } from 'bson';
import type { CursorRegistry } from '../cursors/cursor-registry.js';
import { CommandError } from '../errors.js';
import type { EngineLogger } from '../logger.js';
import type { EngineState } from '../storage/engine-state.js';
import type { Mutation } from '../storage/mutation.js';

export interface CommandContext {
  state: EngineState;
  cursors: CursorRegistry;
  logger: EngineLogger;
  connectionId: number;
  /** The command's target database (`$db`). */
  db: string;
  /** `host:port` of the client, for `whatsmyuri`. */
  clientAddress: string;
}

export type CommandHandler = (command: Document, context: CommandContext) => Document;

/** The collection a command targets: the value of its first field, which must be a name. */
export function readCollectionName(command: Document): string {
  const [name, value] = Object.entries(command)[0] ?? [];
  if (typeof value !== 'string' || value.length === 0) {
    throw new CommandError(
      'InvalidNamespace',
      `collection name has invalid type ${typeof value} for ${name}`,
    );
  }
  return value;
}

export function readDocument(command: Document, field: string): Document | undefined {
  const value = command[field] as unknown;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new CommandError('TypeMismatch', `BSON field '${field}' is the wrong type, expected type 'object'`);
  }
  return value;
}

export function readNumber(command: Document, field: string): number | undefined {
  const value = command[field] as unknown;
  if (value === undefined || value === null) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number)) {
    throw new CommandError('TypeMismatch', `BSON field '${field}' is the wrong type, expected a number`);
  }
  return number;
}

/**
 * Collects the mutations of one write command, merging consecutive ones of the same kind so that a bulk
 * write reaches the journal as one record, in the order the changes happened.
 */
export class MutationBatch {
  private readonly mutations: Mutation[] = [];

  constructor(
    private readonly db: string,
    private readonly coll: string,
  ) {}

  insert(doc: Document): void {
    const last = this.mutations[this.mutations.length - 1];
    if (last?.op === 'insert') last.docs.push(doc);
    else this.mutations.push({ op: 'insert', db: this.db, coll: this.coll, docs: [doc] });
  }

  replace(doc: Document): void {
    const last = this.mutations[this.mutations.length - 1];
    if (last?.op === 'replace') last.docs.push(doc);
    else this.mutations.push({ op: 'replace', db: this.db, coll: this.coll, docs: [doc] });
  }

  delete(id: unknown): void {
    const last = this.mutations[this.mutations.length - 1];
    if (last?.op === 'delete') last.ids.push(id);
    else this.mutations.push({ op: 'delete', db: this.db, coll: this.coll, ids: [id] });
  }

  commit(state: EngineState): void {
    for (const mutation of this.mutations) state.record(mutation);
  }
}
