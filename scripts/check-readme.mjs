// README code compiles (issue 11): every ```ts / ```tsx block of README.md is type-checked, strict, against
// the package's own declarations (emitted from src like `npm run build` does), importing it by its public
// names ('datamint-react', 'datamint-react/viewers', …) as a user would. A block may assume names its text
// leaves out (a `file`, an `apiKey`, a component it mentions): declare them in an HTML comment right before
// the block, which the README's readers do not see:
//   <!-- preamble: declare const file: File -->
// Each block is its own module (top-level await allowed). Errors are reported at README line numbers.
// Run by `npm test`; on its own: node scripts/check-readme.mjs
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const work = join(root, 'node_modules/.cache/readme-check')
const types = join(work, 'types')
const started = Date.now()

/** The ts/tsx blocks of a markdown text with their preambles and first code line (1-based). */
export function readmeBlocks(markdown) {
  const lines = markdown.split('\n')
  const blocks = []
  for (let i = 0; i < lines.length; i++) {
    const fence = lines[i].match(/^```(ts|tsx)\s*$/)
    if (!fence) continue
    const start = i + 1
    let end = start
    while (end < lines.length && !lines[end].startsWith('```')) end++
    // The preamble: an HTML comment `<!-- preamble: … -->` ending on the line before the fence.
    let preamble = ''
    if (lines[i - 1]?.trim().endsWith('-->')) {
      let j = i - 1
      while (j > 0 && !lines[j].includes('<!--')) j--
      const comment = lines.slice(j, i).join('\n')
      const match = comment.match(/<!--\s*preamble:([\s\S]*?)-->/)
      if (match) preamble = match[1].trim()
    }
    blocks.push({ lang: fence[1], line: start + 1, code: lines.slice(start, end).join('\n'), preamble })
    i = end
  }
  return blocks
}

rmSync(work, { recursive: true, force: true })
mkdirSync(work, { recursive: true })

// 1. Declarations of src, as the build emits them.
const buildConfig = ts.parseJsonConfigFileContent(
  ts.readConfigFile(join(root, 'tsconfig.build.json'), ts.sys.readFile).config,
  ts.sys,
  root,
)
const emitted = ts
  .createProgram(buildConfig.fileNames, {
    ...buildConfig.options,
    outDir: types,
    declaration: true,
    emitDeclarationOnly: true,
    declarationMap: false,
    sourceMap: false,
    noEmit: false,
  })
  .emit()
const buildErrors = emitted.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error)
if (buildErrors.length) {
  console.error(ts.formatDiagnostics(buildErrors, host()))
  process.exit(1)
}

// 2. The public names, mapped to those declarations through package.json `exports`.
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const paths = {}
for (const [subpath, target] of Object.entries(pkg.exports)) {
  if (typeof target !== 'object' || !target.types) continue
  const name = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`
  paths[name] = [join(types, relative('dist', target.types))]
}

// 3. The blocks, one module each.
const blocks = readmeBlocks(readFileSync(join(root, 'README.md'), 'utf8'))
const files = blocks.map((block, i) => {
  const file = join(work, `block${i + 1}.${block.lang}`)
  const header = block.preamble ? `${block.preamble}\n` : ''
  writeFileSync(file, `${header}${block.code}\nexport {}\n`)
  return { file, block, offset: header ? header.split('\n').length - 1 : 0 }
})
const program = ts.createProgram(
  files.map((f) => f.file),
  {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.ReactJSX,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: ['node'],
    typeRoots: [join(root, 'node_modules/@types')],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    isolatedModules: true,
    esModuleInterop: true,
    baseUrl: root,
    paths,
  },
)
const diagnostics = ts
  .getPreEmitDiagnostics(program)
  .filter((d) => d.category === ts.DiagnosticCategory.Error)
for (const d of diagnostics) {
  const entry = files.find((f) => f.file === d.file?.fileName)
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n')
  if (!entry || d.start === undefined) {
    console.error(`README check: ${message}`)
    continue
  }
  const { line } = d.file.getLineAndCharacterOfPosition(d.start)
  const codeLine = line - entry.offset
  const where =
    codeLine < 0
      ? `preamble of the block at README.md:${entry.block.line}`
      : `README.md:${entry.block.line + codeLine}`
  console.error(`${where}: TS${d.code}: ${message}`)
}
const seconds = ((Date.now() - started) / 1000).toFixed(1)
if (diagnostics.length) {
  console.error(
    `README check: ${diagnostics.length} error(s) in ${blocks.length} ts/tsx blocks (${seconds} s)`,
  )
  process.exit(1)
}
console.log(`README check: ${blocks.length} ts/tsx blocks compile against the declarations (${seconds} s)`)

function host() {
  return { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' }
}
