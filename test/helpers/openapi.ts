// Validates response bodies against Daytona's published OpenAPI documents (api.json: OpenAPI 3.0,
// toolbox.json: Swagger 2.0), so tests prove the emulator answers with the shapes real clients expect.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'

type Doc = 'api' | 'toolbox'
type Json = Record<string, unknown>

// Daytona's published specs, vendored with their provenance in emulator/openapi/README.md.
const SPEC_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../emulator/openapi')
// ajv-formats is CommonJS: under nodenext its default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => void

interface LoadedDoc {
  paths: Record<string, Record<string, Json>>
  ajv: Ajv
  cache: Map<string, ValidateFunction>
  /** where shared schemas live: components/schemas (OpenAPI 3) or definitions (Swagger 2) */
  schemasPointer: string
}

const loaded = new Map<Doc, LoadedDoc>()

/** OpenAPI 3's `nullable: true` is not JSON Schema: rewrite it as `anyOf [schema, null]`, everywhere. */
function toJsonSchema(node: unknown, docId: string): unknown {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, docId))
  if (node === null || typeof node !== 'object') return node
  const out: Json = {}
  for (const [key, value] of Object.entries(node as Json)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#')) out[key] = `${docId}${value}`
    else out[key] = toJsonSchema(value, docId)
  }
  if (out.nullable === true) {
    delete out.nullable
    return { anyOf: [out, { type: 'null' }] }
  }
  return out
}

function load(doc: Doc): LoadedDoc {
  const existing = loaded.get(doc)
  if (existing) return existing
  const spec = JSON.parse(readFileSync(join(SPEC_DIR, `${doc}.json`), 'utf8')) as Json
  const docId = `${doc}.json`
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true })
  addFormats(ajv)
  for (const f of ['binary', 'byte', 'int32', 'int64', 'float', 'double', 'password']) {
    if (!ajv.formats[f]) ajv.addFormat(f, true)
  }
  const isOpenApi3 = typeof spec.openapi === 'string'
  const schemas = isOpenApi3 ? ((spec.components as Json)?.schemas ?? {}) : (spec.definitions ?? {})
  const container = isOpenApi3 ? { components: { schemas } } : { definitions: schemas }
  ajv.addSchema({ $id: docId, ...(toJsonSchema(container, docId) as Json) })
  const result: LoadedDoc = {
    paths: spec.paths as LoadedDoc['paths'],
    ajv,
    cache: new Map(),
    schemasPointer: isOpenApi3 ? '#/components/schemas' : '#/definitions',
  }
  loaded.set(doc, result)
  return result
}

/** The response schema for a status: exact, then NXX, then (for 2xx) any 2xx, then `default`. */
function responseSchema(operation: Json, status: number, isOpenApi3: boolean): unknown {
  const responses = (operation.responses ?? {}) as Record<string, Json>
  const keys = Object.keys(responses)
  const success = status >= 200 && status < 300
  const key =
    keys.find((k) => k === String(status)) ??
    keys.find((k) => k.toUpperCase() === `${String(status)[0]}XX`) ??
    (success ? keys.find((k) => k.startsWith('2')) : undefined) ??
    keys.find((k) => k === 'default')
  if (!key) return undefined
  const response = responses[key]
  if (!isOpenApi3) return response.schema
  const content = (response.content ?? {}) as Record<string, Json>
  const json = Object.entries(content).find(([type]) => type.includes('json'))
  return json?.[1].schema
}

/**
 * Returns the list of problems with `body` as the response to `method pathTemplate` with `status`
 * (empty when valid, or when the spec documents no schema for that answer).
 */
export function validateResponse(
  doc: Doc,
  method: string,
  pathTemplate: string,
  status: number,
  body: unknown,
): string[] {
  const spec = load(doc)
  const pathItem = spec.paths[pathTemplate]
  if (!pathItem) return [`${doc}: no path ${pathTemplate} in the spec`]
  const operation = pathItem[method.toLowerCase()]
  if (!operation) return [`${doc}: no ${method.toUpperCase()} ${pathTemplate} in the spec`]
  const cacheKey = `${method.toLowerCase()} ${pathTemplate} ${status}`
  let validate = spec.cache.get(cacheKey)
  if (!validate) {
    const schema = responseSchema(operation, status, spec.schemasPointer.startsWith('#/components'))
    if (schema === undefined) return []
    validate = spec.ajv.compile(toJsonSchema(schema, `${doc}.json`) as Json)
    spec.cache.set(cacheKey, validate)
  }
  if (validate(body)) return []
  return (validate.errors ?? []).map(
    (e) => `${method.toUpperCase()} ${pathTemplate} ${status}: ${e.instancePath || '(body)'} ${e.message}`,
  )
}
