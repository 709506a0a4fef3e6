import type { Condition } from '../../contract/conditions'
import { compileLeaf } from './compile-leaf'
import { enabledChildren, isConditionGroup } from './condition-nodes'
import { resolveField } from './resolve-field'
import { type CompiledSql, SqlParams } from './sql-params'

function compileNode(node: Condition, params: SqlParams): string {
  let sql: string
  if (isConditionGroup(node)) {
    const children = enabledChildren(node).map((child) => compileNode(child, params))
    // A group with nothing enabled imposes nothing, whatever its combinator.
    sql =
      children.length === 0
        ? 'TRUE'
        : `(${children.join(node.combinator === 'and' ? ' AND ' : ' OR ')})`
  } else {
    sql = compileLeaf(resolveField(node.field), node, params)
  }
  return node.negated === true ? `NOT (${sql})` : sql
}

/**
 * Compiles a condition, already checked by the schema and by `validateCondition`, into a
 * boolean SQL expression over the `tasks` table aliased `t`. Placeholders start at
 * `$<paramOffset + 1>`. A disabled root matches every task (`TRUE`).
 *
 * The expression is never NULL, so it can be negated or combined freely, and it selects
 * exactly the tasks `evaluateCondition` accepts.
 */
export function compileCondition(condition: Condition, paramOffset = 0): CompiledSql {
  const params = new SqlParams(paramOffset)
  const sql = condition.disabled === true ? 'TRUE' : compileNode(condition, params)
  return { sql, params: params.values }
}
