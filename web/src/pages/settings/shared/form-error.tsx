/** The message under an input, linked to it by id for `aria-describedby`. */
export function FormError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} className="st-field-error">
      {message}
    </p>
  ) : null
}

/** Props that mark an input invalid and point it at its message. */
export function errorProps(id: string, message: string | undefined) {
  return message ? { 'aria-invalid': true, 'aria-describedby': id } : {}
}
