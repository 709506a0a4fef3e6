export interface Positioned {
  uid: string
  position: number
}

/**
 * The position changes that move the queue at `index` one step up (-1) or down (+1) in
 * routing order. Queues are renumbered 0, 1, 2… in their new order and only those whose
 * position changes are returned: swapping two positions is not enough when positions tie
 * (the API then orders by uid, which a swap would not move past).
 */
export function movePositions(
  queues: readonly Positioned[],
  index: number,
  offset: -1 | 1,
): Positioned[] {
  const target = index + offset
  if (index < 0 || index >= queues.length || target < 0 || target >= queues.length) {
    return []
  }
  const order = [...queues]
  const [moved] = order.splice(index, 1)
  if (!moved) {
    return []
  }
  order.splice(target, 0, moved)
  return order
    .map((queue, position) => ({ uid: queue.uid, position }))
    .filter((change, i) => order[i]?.position !== change.position)
}
