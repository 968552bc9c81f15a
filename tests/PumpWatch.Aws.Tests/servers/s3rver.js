// S3 API for the tests: loopback only, objects kept in the folder given as the first argument (the fixture deletes it).
// Signature V4 is not verified by s3rver, but the access key must be its built-in one (S3RVER / S3RVER).
const S3rver = require('s3rver')
const { announcePort, exitWithParent } = require('./harness')
exitWithParent()
const directory = process.argv[2]
if (!directory) {
  process.stderr.write('usage: node s3rver.js <directory>\n')
  process.exit(2)
}
new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true }).run()
  .then(address => announcePort(address.port))
  .catch(error => {
    process.stderr.write(`${error.message}\n`)
    process.exit(1)
  })
