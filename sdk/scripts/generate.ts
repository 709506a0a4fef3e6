import { writeSdkFiles } from './sdk-files'

// `npm run gen:sdk`: rewrite the OpenAPI document and the SDK's types after an API change.
const written = await writeSdkFiles()
console.log(`wrote ${written.join(', ')}`)
