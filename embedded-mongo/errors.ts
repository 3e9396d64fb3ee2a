/**
 * The engine's one error class. A command that fails throws a `CommandError`; the dispatcher turns it into
 * MongoDB's error reply (`{ ok: 0, errmsg, code, codeName }`) so that drivers raise their usual errors.
 */
import type { Document } from 'bson';

export const ErrorCodes = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  CursorNotFound: 43,
  NamespaceExists: 48,
  DollarPrefixedFieldName: 52,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  /** What the engine answers for a feature it does not have; drivers pass it through unchanged. */
  CommandNotSupported: 115,
  DocumentValidationFailure: 121,
  CannotIndexParallelArrays: 171,
  OperationNotSupportedInTransaction: 263,
  MergeStageNoMatchingDocument: 13113,
  /** A `let` variable name that does not start with a lowercase letter. */
  Location16870: 16870,
  Location40352: 40352,
  /** A required field of a command is missing (mongod's IDL parser). */
  Location40414: 40414,
  /** A command carries a field mongod does not know (mongod's IDL parser). */
  Location40415: 40415,
  DuplicateKey: 11000,
} as const;

export type ErrorCodeName = keyof typeof ErrorCodes;

export class CommandError extends Error {
  readonly code: number;
  readonly codeName: string;
  /** Extra fields MongoDB puts beside `errmsg` (for example `keyPattern` and `keyValue` on E11000). */
  readonly extra: Document;

  constructor(codeName: ErrorCodeName, message: string, extra: Document = {}) {
    super(message);
    this.name = 'CommandError';
    this.code = ErrorCodes[codeName];
    this.codeName = codeName;
    this.extra = extra;
  }

  /** The error as a command reply. */
  toReply(): Document {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }

  /** The error as one entry of a write command's `writeErrors`. */
  toWriteError(index: number): Document {
    return { index, code: this.code, ...this.extra, errmsg: this.message };
  }
}

/** Wraps any thrown value as a `CommandError`, keeping mingo's and our own messages readable. */
export function toCommandError(error: unknown): CommandError {
  if (error instanceof CommandError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new CommandError('BadValue', message);
}
