/** Chart colours: the app's palette (styles.css), which keeps contrast on white. */
export const CHART_COLORS = {
  backlog: '#1f5fbf',
  created: '#1f5fbf',
  done: '#1d6b3a',
  breached: '#b42318',
  resolution: '#8a5300',
  grid: '#d9dde3',
  axis: '#5a6473',
} as const

/** Height of every chart, in pixels: enough to read at 375px wide too. */
export const CHART_HEIGHT = 240
