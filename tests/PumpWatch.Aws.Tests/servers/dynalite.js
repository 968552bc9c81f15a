// DynamoDB API for the tests: in memory, loopback only, tables ACTIVE at once.
const dynalite = require('dynalite')
const { announcePort, exitWithParent } = require('./harness')
exitWithParent()
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
server.listen(0, '127.0.0.1', () => announcePort(server.address().port))
