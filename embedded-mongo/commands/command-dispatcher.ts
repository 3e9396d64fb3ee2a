/**
 * Routes a command document to its handler and turns every failure into MongoDB's error reply. Commands
 * that are part of a transaction are refused whole (115 CommandNotSupported), so a transaction can never be
 * half applied.
 */
import type { Document } from 'bson';
import { CommandError, toCommandError } from '../errors.js';
import { adminCommands } from './admin.commands.js';
import { aggregateCommands } from './aggregate.command.js';
import { collectionCommands } from './collection.commands.js';
import type { CommandContext, CommandHandler } from './command-context.js';
import { explainCommands } from './explain.command.js';
import { findAndModifyCommands } from './find-and-modify.command.js';
import { indexCommands } from './index.commands.js';
import { readCommands } from './read.commands.js';
import { writeCommands } from './write.commands.js';

const HANDLERS = new Map<string, CommandHandler>(
  Object.entries({
    ...adminCommands,
    ...collectionCommands,
    ...writeCommands,
    ...readCommands,
    ...aggregateCommands,
    ...findAndModifyCommands,
    ...indexCommands,
    ...explainCommands,
  }),
);

const TRANSACTION_COMMANDS = new Set(['commitTransaction', 'abortTransaction']);

function assertNotInTransaction(name: string, command: Document): void {
  if (
    TRANSACTION_COMMANDS.has(name) ||
    command.txnNumber !== undefined ||
    command.startTransaction !== undefined ||
    command.autocommit !== undefined
  ) {
    // Not mongod's code 20: drivers reword any code-20 failure of a write as "does not support retryable
    // writes", which hides that the write was refused for being part of a transaction.
    throw new CommandError(
      'CommandNotSupported',
      'Transactions are not supported by the embedded engine, a standalone server: transaction numbers ' +
        'are only allowed on a replica set member or mongos. Nothing of the transaction was applied.',
    );
  }
}

export function dispatchCommand(command: Document, context: CommandContext): Document {
  const name = Object.keys(command)[0];
  try {
    if (name === undefined) throw new CommandError('FailedToParse', 'empty command');
    const handler = HANDLERS.get(name);
    if (!handler) throw new CommandError('CommandNotFound', `no such command: '${name}'`);
    assertNotInTransaction(name, command);
    return handler(command, context);
  } catch (error) {
    const failure = toCommandError(error);
    context.logger.debug({ event: 'command_failed', command: name, code: failure.code }, failure.message);
    return failure.toReply();
  } finally {
    context.state.settle();
  }
}
