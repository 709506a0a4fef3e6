import { Link } from 'react-router-dom'
import { usePageTitle } from './use-page-title'

/** Any address the app does not know. */
export function NotFoundPage() {
  usePageTitle('Not found')
  return (
    <section className="page" aria-labelledby="not-found-title">
      <h1 id="not-found-title">Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/">Back to the backlog</Link>
      </p>
    </section>
  )
}
