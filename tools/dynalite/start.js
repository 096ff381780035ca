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
server.listen(port, host, () => {
  process.stdout.write(`DYNALITE_PORT=${server.address().port}\n`)
})

const stop = () => server.close(() => process.exit(0))
process.stdin.on('end', stop)
process.stdin.on('close', stop)
process.stdin.resume()
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
