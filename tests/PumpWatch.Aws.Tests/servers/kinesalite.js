// Kinesis API for the tests: in memory, loopback only, streams ready at once.
// Prints the bound port as one line; exits when the parent closes stdin (the test process ended).
const kinesalite = require('kinesalite')
const server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 100 })
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`))
process.stdin.on('end', () => process.exit(0))
process.stdin.on('close', () => process.exit(0))
process.stdin.resume()
