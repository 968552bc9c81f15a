// The official AWS SDK for JavaScript v3 as the reference client of the conformance tests (tests/.../Conformance).
// Reads one JSON request per stdin line:
//   {"id": 1, "client": "kinesis", "command": "PutRecords", "input": {...}, "url": "http://127.0.0.1:PORT/",
//    "region": "us-east-1", "credentials": {"accessKeyId", "secretAccessKey", "sessionToken"}}
// sends it through the official client to the capture server at url, with one attempt (retrying is each client's own
// policy, not the wire format), and writes one JSON line per request:
//   {"id": 1, "output": {...}}                        the parsed output, $metadata left out
//   {"id": 1, "error": {"name", "code", "message", "fault", "metadata", "members"}}   a service error as the SDK raised it
//   {"id": 1, "failure": "..."}                        the script could not make the call (unknown client, bad input)
// Blobs and timestamps cross the pipe tagged, both ways: {"$bytes": "<base64>"} and {"$date": <epoch milliseconds>}.
// Exits when stdin closes (after answering calls in flight) or when the process whose id is argv[2] is gone.
'use strict'
const readline = require('node:readline')
const { NodeHttpHandler } = require('@smithy/node-http-handler')

// Timestream clients discover their endpoint (DescribeEndpoints, then the operation at the address it names). With an
// endpoint override the SDK skips discovery (@aws-sdk/middleware-endpoint-discovery: isCustomEndpoint), so these
// clients get no override; instead this handler delivers every request, signed for the AWS host or the discovered
// address, to the capture server. The Host header stays as the SDK signed it.
class DeliverToCapture extends NodeHttpHandler {
  constructor (url) {
    super()
    this.url = new URL(url)
  }

  handle (request, options) {
    request.protocol = this.url.protocol
    request.hostname = this.url.hostname
    request.port = Number(this.url.port)
    return super.handle(request, options)
  }
}

// Kinesis needs NodeHttpHandler named explicitly: its default handler speaks HTTP/2 (the model's h2 event streams).
const clients = {
  kinesis: { module: '@aws-sdk/client-kinesis', client: 'KinesisClient', discovery: false },
  'timestream-write': { module: '@aws-sdk/client-timestream-write', client: 'TimestreamWriteClient', discovery: true },
  'timestream-query': { module: '@aws-sdk/client-timestream-query', client: 'TimestreamQueryClient', discovery: true },
  sns: { module: '@aws-sdk/client-sns', client: 'SNSClient', discovery: false }
}

// Properties of a service exception that are not members of the error shape: the SDK's own ($fault, $metadata, ...),
// Error's, and the query protocol's XML envelope (<ErrorResponse><Error><Type/><Code/>...</Error><RequestId/>).
const notMembers = new Set(['name', 'message', 'Message', 'stack', '__type', 'Type', 'Code', 'Error', 'RequestId', 'xmlns'])

function revive (_key, value) {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value)
    if (keys.length === 1 && keys[0] === '$bytes') return new Uint8Array(Buffer.from(value.$bytes, 'base64'))
    if (keys.length === 1 && keys[0] === '$date') return new Date(value.$date)
  }
  return value
}

function tag (key, value) {
  const raw = this[key] // before toJSON: a Date is still a Date here
  if (raw instanceof Date) return { $date: raw.getTime() }
  if (raw instanceof Uint8Array) return { $bytes: Buffer.from(raw).toString('base64') }
  return value
}

async function call (request) {
  const entry = clients[request.client]
  if (!entry) throw new Error(`unknown client '${request.client}' (known: ${Object.keys(clients).join(', ')})`)
  const sdk = require(entry.module)
  const Command = sdk[`${request.command}Command`]
  if (!Command) throw new Error(`${entry.module} has no command ${request.command}`)
  // A new client per call: no endpoint cache or connection carried from one case to the next.
  const config = { region: request.region, credentials: request.credentials, maxAttempts: 1 }
  if (entry.discovery) {
    config.requestHandler = new DeliverToCapture(request.url)
  } else {
    config.endpoint = request.url
    config.requestHandler = new NodeHttpHandler()
  }
  const client = new sdk[entry.client](config)
  try {
    const { $metadata, ...output } = await client.send(new Command(request.input))
    return { output }
  } catch (error) {
    if (!error || !error.$metadata) throw error
    const members = Object.fromEntries(Object.entries(error).filter(([k]) => !k.startsWith('$') && !notMembers.has(k)))
    // The query protocol's wire code (<Code>NotFound</Code>) is error.Code; error.name is then the shape's name.
    return { error: { name: error.name, code: error.Code ?? error.name, message: error.message, fault: error.$fault, metadata: error.$metadata, members } }
  } finally {
    client.destroy()
  }
}

const parent = Number(process.argv[2])
if (parent > 0) {
  setInterval(() => {
    try {
      process.kill(parent, 0)
    } catch (error) {
      if (error.code === 'ESRCH') process.exit(0) // EPERM would mean it exists under another user
    }
  }, 500).unref()
}

// Calls in flight when stdin closes still answer; then the script exits.
let pending = 0
let closed = false
const lines = readline.createInterface({ input: process.stdin })
lines.on('line', async (line) => {
  pending++
  let id = null
  let reply
  try {
    const request = JSON.parse(line, revive)
    id = request.id
    reply = await call(request)
  } catch (error) {
    reply = { failure: String(error && error.stack ? error.stack : error) }
  }
  process.stdout.write(JSON.stringify({ id, ...reply }, tag) + '\n', () => {
    if (--pending === 0 && closed) process.exit(0)
  })
})
lines.on('close', () => {
  closed = true
  if (pending === 0) process.exit(0)
})
