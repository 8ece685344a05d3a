// Worker threads do not inherit the parent's TypeScript loader (Node 20): register tsx here, then load the worker.
import { register } from 'tsx/esm/api'

register()
await import('./fuzzWorker.ts')
