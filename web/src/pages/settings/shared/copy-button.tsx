import { useState } from 'react'

/** Copies `text` to the clipboard and says so; the clipboard needs a secure context. */
export function CopyButton({ text }: { text: string }) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle')
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text)
      setStatus('copied')
    } catch {
      setStatus('failed')
    }
  }
  return (
    <>
      <button type="button" onClick={copy}>
        Copy
      </button>
      <span role="status" className="st-copy-status">
        {status === 'copied' ? 'Copied' : null}
        {status === 'failed' ? 'Could not copy: select the text and copy it by hand.' : null}
      </span>
    </>
  )
}
