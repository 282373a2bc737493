// What the bundle resolves `undici` to (scripts/build.ts aliases it): the parts of undici's entry point that the
// action and @actions/http-client use, from the same package. undici's own index.js loads every dispatcher, the
// mock agents, fetch, WebSocket, the cache stores and, through its cookie helpers, Node's built-in copy of
// undici: tens of milliseconds of start-up for nothing a run calls. What only some runs need (multipart bodies,
// a proxy) loads on first use.
'use strict'
const Dispatcher = require('undici/lib/dispatcher/dispatcher')
const Agent = require('undici/lib/dispatcher/agent')
const api = require('undici/lib/api')
const { getGlobalDispatcher } = require('undici/lib/global')

// As index.js does: dispatcher.request(), .stream() and the rest of the Dispatcher API
Object.assign(Dispatcher.prototype, api)

module.exports = {
  Agent,
  Dispatcher,
  getGlobalDispatcher,
  get FormData() {
    return require('undici/lib/web/fetch/formdata').FormData
  },
  get ProxyAgent() {
    return require('undici/lib/dispatcher/proxy-agent')
  },
}
