import { queryKeys, useApiQuery } from '../../../api'

/** How many recent tasks are read to learn the custom field names in use. */
const SAMPLE = 100

/**
 * Custom field names seen on recent tasks, offered by the condition builder next to the
 * native fields (fields are free JSON: no list of them exists).
 */
export function useFieldSuggestions(): string[] {
  const sample = useApiQuery(
    [...queryKeys.taskLists, 'field-names'],
    async (api) => {
      const page = await api.listTasks({ limit: SAMPLE, sort: '-created_at' })
      const names = new Set<string>()
      for (const task of page.items) {
        for (const name of Object.keys(task.fields)) {
          names.add(name)
        }
      }
      return [...names].sort()
    },
    { staleTime: 5 * 60_000 },
  )
  return sample.data ?? NO_NAMES
}

const NO_NAMES: string[] = []
