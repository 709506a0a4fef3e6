import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
// The shared base first: each page's own styles, imported by the page, come after it.
import './styles.css'
import { App } from './app'

const root = document.getElementById('root')
if (!root) {
  throw new Error('index.html has no #root element')
}
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
