// Starts dynalite on a loopback port for the Java side (local runner, tests, benchmarks).
// Prints "DYNALITE_PORT=<port>" once listening. Exits when its stdin closes, so a parent
// JVM that dies for any reason (even SIGKILL) never leaves a dynalite process behind.
'use strict'
const dynalite = require('dynalite')

const args = process.argv.slice(2)
const option = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback
}
const port = Number(option('--port', '0'))
const path = option('--path', undefined)
const host = option('--host', '127.0.0.1')

const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })

// dynalite 4.0.0 rethrows a request's 'error' (index.js: req.on('error', function (err) { throw err })), and a
// client that goes away mid-request (a JVM killed with kill -9, a Lambda container stopped at its timeout) makes
// that an uncaught 'aborted' error that ends the process, and every in-memory row with it. A request whose client
// left is the client's loss, as on DynamoDB: what it had sent is applied or not, and the store serves on.
const [handle] = server.listeners('request')
server.removeAllListeners('request')
server.on('request', (req, res) => {
  handle(req, res)
  req.removeAllListeners('error')
  req.on('error', (err) => process.stderr.write(`dynalite: a client went away mid-request (${err.message})\n`))
  res.on('error', (err) => process.stderr.write(`dynalite: a client went away before its answer (${err.message})\n`))
})
server.listen(port, host, () => {
  process.stdout.write(`DYNALITE_PORT=${server.address().port}\n`)
})

const stop = () => server.close(() => process.exit(0))
process.stdin.on('end', stop)
process.stdin.on('close', stop)
process.stdin.resume()
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
