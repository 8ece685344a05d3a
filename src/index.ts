export * from './api/index.js'
export * from './hooks/index.js'
