import { afterEach, describe, expect, it } from 'vitest'
import { consoleProblems, expectConsole, recordConsole, resetConsoleGuard } from './consoleGuard.js'

// The guard itself: what it reports, checked without failing this test (each case resets at the end).
describe('console guard', () => {
  afterEach(() => resetConsoleGuard())

  it('reports an undeclared console.error and console.warn, with printf arguments filled in', () => {
    // Recorded as the wrapped console would (without printing them here).
    recordConsole('error', ['failed %s of %d', 'load', 3])
    recordConsole('warn', [new Error('boom')])
    const problems = consoleProblems()
    expect(problems).toHaveLength(2)
    expect(problems[0]).toContain('unexpected console.error: failed load of 3')
    expect(problems[1]).toContain('unexpected console.warn: Error: boom')
    resetConsoleGuard()
  })

  it('accepts a declared message and reports a declared one that never came', () => {
    expectConsole('warn', /deprecated/)
    expectConsole('error', 'never logged')
    console.warn('option x is deprecated')
    expect(consoleProblems()).toEqual(['expected console.error never logged: never logged'])
    resetConsoleGuard()
  })

  it('does not take a warning for an expected error', () => {
    expectConsole('error', 'same text')
    expect(recordConsole('warn', ['same text'])).toBe(false)
    expect(consoleProblems()).toHaveLength(2)
    resetConsoleGuard()
  })
})
