// vitest setupFiles for every project: a test fails on console.error/console.warn it did not declare with
// expectConsole() (test/support/consoleGuard.ts).
import { afterEach, beforeEach } from 'vitest'
import { assertConsoleClean, installConsoleGuard, resetConsoleGuard } from './consoleGuard.js'

installConsoleGuard()
beforeEach(() => resetConsoleGuard())
afterEach((context) => assertConsoleClean(context.task.name))
