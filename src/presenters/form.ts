import type { Form } from '../contract/forms'
import type { FormRecord } from '../store/forms'

/** A form as the API shows it, with the queues completed through it. */
export function presentForm(form: FormRecord): Form {
  return {
    ...form,
    created_at: form.created_at.toISOString(),
    updated_at: form.updated_at.toISOString(),
  }
}
