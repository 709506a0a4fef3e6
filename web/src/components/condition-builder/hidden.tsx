/** Text for screen readers only, which completes a short visible label. */
export function Hidden({ text }: { text: string }) {
  return text ? <span className="cb-visually-hidden">{text}</span> : null
}
