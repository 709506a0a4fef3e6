import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

// Vitest runs without globals here, so Testing Library cannot unmount by itself.
afterEach(() => {
  cleanup()
})
