/**
 * Zero unexpected console output (issue 11): every console.error / console.warn during a test or a story is
 * collected, and the test fails unless it declared that message as expected. Messages still reach the real
 * console, so a failure shows them where they were logged. Used by test/support/setupConsole.ts (every vitest
 * project) and by .storybook/preview.tsx (every story, in Storybook and in the vitest storybook project).
 */
export type ConsoleLevel = 'error' | 'warn'

/** A message a test or story expects: its level and a pattern (substring or RegExp) of its text. */
export interface ExpectedConsole {
  level: ConsoleLevel
  message: string | RegExp
}

interface Logged {
  level: ConsoleLevel
  text: string
}

const LEVELS: ConsoleLevel[] = ['error', 'warn']
let logged: Logged[] = []
let expected: ExpectedConsole[] = []
let installed = false

/** Formats console arguments roughly as the console does (printf-style %s/%d/%o substitutions included). */
function format(args: unknown[]): string {
  const [first, ...rest] = args
  let text = typeof first === 'string' ? first : show(first)
  if (typeof first === 'string') {
    text = first.replace(/%[sdifoOjc]/g, (token) => {
      if (rest.length === 0) return token
      const value = rest.shift()
      return token === '%c' ? '' : show(value)
    })
  }
  return [text, ...rest.map(show)].join(' ')
}

function show(value: unknown): string {
  if (typeof value === 'string') return value
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`
  try {
    return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)
  } catch {
    return String(value)
  }
}

const matches = (e: ExpectedConsole, m: Logged) =>
  e.level === m.level && (typeof e.message === 'string' ? m.text.includes(e.message) : e.message.test(m.text))

/** Notes one console call; true when it was declared (so it need not be printed). */
export function recordConsole(level: ConsoleLevel, args: unknown[]): boolean {
  const message = { level, text: format(args) }
  logged.push(message)
  return expected.some((e) => matches(e, message))
}

/**
 * Wraps console.error and console.warn once (idempotent). Unexpected messages still reach the real console,
 * where they were logged; declared ones are kept out of the output.
 */
export function installConsoleGuard(): void {
  if (installed) return
  installed = true
  for (const level of LEVELS) {
    const original = console[level].bind(console)
    console[level] = (...args: unknown[]) => {
      if (!recordConsole(level, args)) original(...args)
    }
  }
}

/** Starts a test or story: forgets what was logged before and what the previous one expected. */
export function resetConsoleGuard(initial: ExpectedConsole[] = []): void {
  logged = []
  expected = [...initial]
}

/**
 * Declares a console message the current test expects (a React error boundary's report, a deprecation it
 * tests, …). The test fails if no such message was logged, so declarations cannot go stale.
 *
 * @example
 * ```ts
 * expectConsole('error', /The above error occurred in the <Broken> component/)
 * ```
 */
export function expectConsole(level: ConsoleLevel, message: string | RegExp): void {
  expected.push({ level, message })
}

/** Problems with the console since the last reset: unexpected messages, and expected ones never logged. */
export function consoleProblems(): string[] {
  const problems = logged
    .filter((m) => !expected.some((e) => matches(e, m)))
    .map((m) => `unexpected console.${m.level}: ${m.text.split('\n').slice(0, 6).join('\n    ')}`)
  for (const e of expected) {
    if (!logged.some((m) => matches(e, m)))
      problems.push(`expected console.${e.level} never logged: ${e.message}`)
  }
  return problems
}

/** Throws when {@link consoleProblems} reports any, then resets. */
export function assertConsoleClean(where: string): void {
  const problems = consoleProblems()
  resetConsoleGuard()
  if (problems.length) {
    throw new Error(`${where}: ${problems.length} console problem(s):\n  ${problems.join('\n  ')}`)
  }
}
