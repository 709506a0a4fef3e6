import { describe, expect, it } from 'vitest'
import { AppError } from '../../contract/errors'
import { assertWebhookUrl } from './url'

describe('webhook URLs', () => {
  it('accept absolute http and https URLs', () => {
    expect(() => assertWebhookUrl('https://hooks.example.com/tessera?x=1')).not.toThrow()
    expect(() => assertWebhookUrl('http://127.0.0.1:8080/in')).not.toThrow()
  })

  it('refuse other schemes, relative URLs and credentials, naming the field', () => {
    for (const url of ['ftp://x.test/', 'https//x.test', 'http://', 'https://u:p@x.test/']) {
      const error = (() => {
        try {
          assertWebhookUrl(url, '/body/url')
        } catch (e) {
          return e
        }
      })()
      expect(error, url).toBeInstanceOf(AppError)
      expect((error as AppError).fields[0]?.path).toBe('/body/url')
    }
  })
})
