import type { Message, MessageKey, Params } from '../i18n/index.js';

// What can go wrong with a store, as codes. Each implementation turns its driver's and the file system's errors into
// these at its edge (store/sqlite/errors.ts); run.ts turns a code into the exit code and the message, in the language
// in force, when it prints it.

/** Why a store failed. */
export type StoreErrorCode =
  /** No store there yet, and the command needs one (66). */
  | 'missing'
  /** Another writer held the lock past the busy timeout (75). */
  | 'busy'
  /** The store is damaged (65); detail says where. */
  | 'damaged'
  /** A file that is not a leadq data file (65): another program's database, a device. */
  | 'notLeadq'
  /** Made by a newer leadq (65): found and known are the schema versions. */
  | 'fromFuture'
  /** Cannot create the store (73); reason says why. */
  | 'cantCreate'
  /** Cannot write the store (73); reason says why (read-only, permission, a full disk). */
  | 'unwritable'
  /** Cannot read the store (66); reason says why. */
  | 'unreadable'
  /** The location names a folder, not a file (73 to write, 66 to read). */
  | 'notAFile'
  /** The database server cannot be reached (69). */
  | 'unreachable'
  /** The database server refused the login or the permission (77). */
  | 'denied';

/** What a StoreError may say beside its code. */
export interface StoreErrorDetails {
  /** Why, in the user's words where possible (a message) or the driver's first line. */
  readonly reason?: Message | string;
  /** Where the damage is (damaged). */
  readonly detail?: string;
  /** Schema versions (fromFuture). */
  readonly found?: number;
  readonly known?: number;
  /** The store was being written (notAFile: 73 rather than 66). */
  readonly writing?: boolean;
  /**
   * The backend's own words for it, when it has more to say than the code's message (a PostgreSQL server: "no
   * database "x"", "sslmode=require but no TLS"); the exit code is still the code's.
   */
  readonly said?: { readonly key: MessageKey; readonly params: Params; readonly hintKey?: MessageKey | undefined; readonly hintParams?: Params };
}

/** A store failure with a code; location is the store as people name it (the data file's path). */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    readonly location: string,
    readonly details: StoreErrorDetails = {},
  ) {
    super(`${code}: ${location}`);
    this.name = 'StoreError';
  }
}
