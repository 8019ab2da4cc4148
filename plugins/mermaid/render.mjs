// Renders Mermaid diagrams to SVG with beautiful-mermaid (pure JavaScript, no browser).
// stdin: {"module": "<path to beautiful-mermaid's dist/index.js>", "options": {...}, "diagrams": ["graph TD ...", ...]}
// stdout: [{"svg": "<svg ...>"} or {"error": "message"}, ...], one entry per diagram, in order.
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

const job = JSON.parse(readFileSync(0, 'utf8'))
const { renderMermaidSVG } = await import(pathToFileURL(job.module).href)
const results = job.diagrams.map((source) => {
  try {
    return { svg: renderMermaidSVG(source, job.options) }
  } catch (error) {
    return { error: String(error && error.message ? error.message : error).split('\n')[0] }
  }
})
process.stdout.write(JSON.stringify(results))
