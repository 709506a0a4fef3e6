import { createRequire } from 'node:module'

// pg (8.11.3 and later) prepares every result by building an empty row holding each of its
// columns, in a null-prototype object copied into a literal, and looks up every column's
// type parser again (brianc/node-postgres#3055, open). For a task's 45 columns that costs
// about 20 µs per statement: a tenth of a whole GET of a task on this machine. Results of
// one statement always have the same columns, so this remembers each shape the first time
// a connection sees it and hands the next result of that shape the same empty row and
// parsers.
//
// This replaces a method of pg's internal Result class: the test in
// test/store/pg-row-shapes.test.ts fails if an upgrade of pg changes what it relies on.

/** A column of a result, as pg's protocol parser describes it. */
interface FieldDescription {
  name: string
  dataTypeID: number
  format: string
}

/** The part of pg's internal Result (pg/lib/result.js) that this relies on. */
interface PgResult {
  fields: FieldDescription[]
  _parsers: unknown[] | undefined
  _prebuiltEmptyResultObject: Record<string, null> | null
  /** The connection's type parsers (its TypeOverrides): one object per pg client. */
  _types: object | undefined
  addFields(fields: FieldDescription[]): void
}

interface Shape {
  fields: FieldDescription[]
  parsers: unknown[] | undefined
  emptyRow: Record<string, null> | null
}

/**
 * Shapes remembered per connection, at most this many: statements are few and fixed, so a
 * connection that sees more is running generated SQL, and gets pg's own handling beyond it.
 */
const MOST_SHAPES = 512

function sameColumns(a: FieldDescription[], b: FieldDescription[]): boolean {
  if (a.length !== b.length) {
    return false
  }
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as FieldDescription
    const y = b[i] as FieldDescription
    if (x.name !== y.name || x.dataTypeID !== y.dataTypeID || x.format !== y.format) {
      return false
    }
  }
  return true
}

/**
 * Shapes by connection (its type parsers, which a shape's parsers came from), then by the
 * first column's name.
 */
type ShapeBook = { count: number; byFirstColumn: Map<string, Shape[]> }

let installed = false

/**
 * Makes pg reuse each result shape's empty row and parsers. Parsers are looked up once per
 * connection and shape, so type parsers must be set (pg.types.setTypeParser) before the
 * first query, as src/store/database.ts does.
 */
export function reuseRowShapes(): void {
  if (installed) {
    return
  }
  installed = true
  const require = createRequire(import.meta.url)
  const Result = require('pg/lib/result.js') as { prototype: PgResult }
  const build = Result.prototype.addFields
  const books = new WeakMap<object, ShapeBook>()

  Result.prototype.addFields = function addFields(this: PgResult, fields: FieldDescription[]) {
    const first = fields[0]
    if (typeof this._types !== 'object' || first === undefined) {
      build.call(this, fields)
      return
    }
    let book = books.get(this._types)
    if (!book) {
      book = { count: 0, byFirstColumn: new Map() }
      books.set(this._types, book)
    }
    const candidates = book.byFirstColumn.get(first.name)
    const known = candidates?.find((shape) => sameColumns(shape.fields, fields))
    if (known) {
      this.fields = fields
      this._parsers = known.parsers
      this._prebuiltEmptyResultObject = known.emptyRow
      return
    }
    build.call(this, fields)
    if (book.count >= MOST_SHAPES) {
      return
    }
    book.count++
    const shape = { fields, parsers: this._parsers, emptyRow: this._prebuiltEmptyResultObject }
    if (candidates) {
      candidates.push(shape)
    } else {
      book.byFirstColumn.set(first.name, [shape])
    }
  }
}
