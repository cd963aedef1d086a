import { PrismaPg } from "@prisma/adapter-pg";
import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";
import type { Pool, QueryResult } from "pg";

/** OID of PostgreSQL's one-byte `"char"` type (pg_class.relkind, pg_constraint.contype, …). */
const CHAR_OID = 18;
const TEXT_OID = 25;

type PerformIO = (query: SqlQuery) => Promise<QueryResult>;

/**
 * A driver-adapter factory for the WebAssembly schema engine, built on PrismaPg with
 * three fixes for @prisma/adapter-pg 7.10 (see docs/database.md):
 * - catalog columns of type `"char"` are reported as Character instead of failing;
 * - a script (a whole migration.sql) runs as one query, so PostgreSQL runs it in one
 *   implicit transaction, instead of being split on every `;`;
 * - the shadow database is the pool the caller gives, not a database created by
 *   PrismaPg (which, with a connection string, reconnects to the main database).
 */
export function migrationAdapterFactory(pool: Pool, shadowPool?: Pool): SqlMigrationAwareDriverAdapterFactory {
  const mainFactory = new PrismaPg(pool);
  return {
    provider: mainFactory.provider,
    adapterName: mainFactory.adapterName,
    connect: async () => patchAdapter(await mainFactory.connect()),
    connectToShadowDb: async () => {
      if (!shadowPool) {
        throw new Error("This operation needs a shadow database, but none was provided.");
      }
      return patchAdapter(await new PrismaPg(shadowPool).connect());
    },
  };
}

function patchAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  reportCharColumns(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => reportCharColumns(await startTransaction(isolationLevel));
  // Without parameters pg sends the text as one simple query: PostgreSQL runs all of
  // its statements in one implicit transaction, and errors keep PrismaPg's mapping.
  adapter.executeScript = async (script) => {
    await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
  };
  return adapter;
}

/**
 * PrismaPg maps column OIDs to column types inside queryRaw and throws on OID 18.
 * Its private performIO returns the raw pg result first, so each queryRaw call gets
 * a performIO that relabels those columns as text and remembers where they were.
 */
function reportCharColumns<T extends { queryRaw(query: SqlQuery): Promise<SqlResultSet> }>(queryable: T): T {
  const target = queryable as T & { performIO: PerformIO };
  const performIO = target.performIO.bind(target);
  const queryRaw = target.queryRaw;
  target.queryRaw = async function (query: SqlQuery) {
    const charColumns: number[] = [];
    const view = Object.create(target, {
      performIO: {
        value: async (q: SqlQuery) => {
          const result = await performIO(q);
          result.fields.forEach((field, index) => {
            if (field.dataTypeID === CHAR_OID) {
              field.dataTypeID = TEXT_OID;
              charColumns.push(index);
            }
          });
          return result;
        },
      },
    }) as T;
    const resultSet = await queryRaw.call(view, query);
    for (const index of charColumns) resultSet.columnTypes[index] = ColumnTypeEnum.Character;
    return resultSet;
  };
  return queryable;
}
