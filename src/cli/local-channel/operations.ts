import { createUserWithPassword } from '../../app/create-user'
import { issueToken } from '../../app/issue-token'
import { listTokens } from '../../app/read-tokens'
import { revokeToken } from '../../app/revoke-token'
import type { Role } from '../../core/auth/roles'
import {
  type BackupSummary,
  backupDatabase,
  type TableProgress,
} from '../../store/backup/write-backup'
import type { Database } from '../../store/database'
import { migrate } from '../../store/migrate'
import { findOrganizationUid, findToken, type TokenRecord } from '../../store/tokens'
import { CommandError } from '../command-error'

/** A token as the CLI shows it: never its hash, never the raw value. */
export interface TokenView {
  uid: string
  name: string
  role: Role
  last4: string
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

/** What `tokens create` reports. */
export interface IssuedTokenView {
  organization: { uid: string; name: string; created: boolean }
  user: { email: string; role: Role }
  token: TokenView
  /** The token itself, shown once. */
  raw: string
}

/** What `tokens revoke` did: revoking twice is not an error, but it is said. */
export interface RevokeOutcome {
  alreadyRevoked: boolean
  token: TokenView
}

/** What `users create` did. */
export interface CreatedUserView {
  user: { uid: string; email: string; role: Role }
  created: boolean
}

/** The rows a backup wrote of one table, in the order it wrote them. */
export interface TableRows {
  table: string
  rows: number
}

/** Which database answered, for the commands' summaries. */
interface Described {
  database: string
}

/**
 * The commands' operations on a database. A command runs them on the database directly
 * when no server holds it, or asks the running server to run them on its own (see
 * ./server.ts): both paths run {@link databaseOperations}, so they cannot drift apart.
 * Every input and output is plain JSON, to cross the local channel unchanged.
 */
export interface CommandOperations {
  issueToken(input: {
    org: string
    name: string
    role: Role
    userEmail?: string
  }): Promise<IssuedTokenView>
  listTokens(input: { org: string }): Promise<TokenView[]>
  revokeToken(input: { org: string; uid: string }): Promise<RevokeOutcome>
  createUser(input: {
    org: string
    email: string
    name: string
    role: Role
    password: string
  }): Promise<CreatedUserView>
  /** Writes a backup to `out`, an absolute path. */
  backup(input: { out: string }): Promise<BackupSummary & Described & { tableRows: TableRows[] }>
  migrate(): Promise<{ applied: string[] } & Described>
}

function toTokenView(token: TokenRecord): TokenView {
  return {
    uid: token.uid,
    name: token.name,
    role: token.role,
    last4: token.last4,
    createdAt: token.created_at.toISOString(),
    lastUsedAt: token.last_used_at?.toISOString() ?? null,
    revokedAt: token.revoked_at?.toISOString() ?? null,
  }
}

/** Only `tokens create` makes organizations: the other commands refuse an unknown name. */
async function organizationUid(db: Database, org: string): Promise<string> {
  const uid = await findOrganizationUid(db.pool, org)
  if (!uid) {
    throw new CommandError(
      `No organization named ${org}: check --org, or create it with tessera tokens create --org ${org}.`,
    )
  }
  return uid
}

/**
 * The operations run on an open database: the one implementation of every command.
 * `backupProgress` reports a backup table by table (on the command's own terminal only).
 */
export function databaseOperations(
  db: Database,
  { backupProgress }: { backupProgress?: TableProgress } = {},
): CommandOperations {
  return {
    async issueToken({ org, name, role, userEmail }) {
      const issued = await issueToken(db, { orgName: org, tokenName: name, role, userEmail })
      return {
        organization: {
          uid: issued.organization.uid,
          name: issued.organization.name,
          created: issued.organizationCreated,
        },
        user: { email: issued.user.email, role: issued.user.role },
        token: toTokenView(issued.token),
        raw: issued.raw,
      }
    },
    async listTokens({ org }) {
      return (await listTokens({ db, orgUid: await organizationUid(db, org) })).map(toTokenView)
    },
    async revokeToken({ org, uid }) {
      const orgUid = await organizationUid(db, org)
      const before = await findToken(db.pool, orgUid, uid)
      if (!before) {
        throw new CommandError(
          `No token ${uid} in ${org}: list the organization's tokens with tessera tokens list --org ${org}.`,
        )
      }
      // Whoever runs the server acts with full authority; a revocation records no actor.
      const actor = {
        db,
        orgUid,
        actorUid: before.user_uid,
        role: 'super_admin' as const,
        cli: true,
      }
      const token = await revokeToken(actor, uid)
      return { alreadyRevoked: before.revoked_at !== null, token: toTokenView(token) }
    },
    async createUser({ org, email, name, role, password }) {
      const { user, created } = await createUserWithPassword(db, {
        orgName: org,
        email,
        name,
        role,
        password,
      })
      return { user: { uid: user.uid, email: user.email, role: user.role }, created }
    },
    async backup({ out }) {
      // Counted here too, for a command that asked a server and saw no progress of its own.
      const tableRows: TableRows[] = []
      const counting: TableProgress = {
        startTable(table, rows) {
          tableRows.push({ table, rows: 0 })
          backupProgress?.startTable(table, rows)
        },
        advance(rows) {
          const current = tableRows.at(-1)
          if (current) {
            current.rows += rows
          }
          backupProgress?.advance(rows)
        },
        endTable: () => backupProgress?.endTable(),
      }
      const summary = await backupDatabase(db, out, counting)
      return { ...summary, database: db.description, tableRows }
    },
    async migrate() {
      return { applied: await migrate(db), database: db.description }
    },
  }
}
