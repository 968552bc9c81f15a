// Kinesis API for the tests: in memory, loopback only, streams ready at once.
const kinesalite = require('kinesalite')
const { announcePort, exitWithParent } = require('./harness')
exitWithParent()
const server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 100 })
server.listen(0, '127.0.0.1', () => announcePort(server.address().port))
