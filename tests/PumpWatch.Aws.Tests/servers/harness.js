// Shared by every local server script the tests start: report the bound port, and never outlive the test process.
// The test process reads the port from the first line of stdout and holds this process's stdin open; when it ends
// (normally, killed, or crashed) the pipe closes and this process exits. The parent-pid check is a second guard for
// the case where the pipe stays open because another process inherited it.

/** Prints the port the server bound, as the one line the test fixture waits for. */
exports.announcePort = port => process.stdout.write(`${port}\n`)

/** Exits when the parent (the test process) closes stdin or is gone. */
exports.exitWithParent = () => {
  process.stdin.on('end', () => process.exit(0))
  process.stdin.on('close', () => process.exit(0))
  process.stdin.resume()
  const parent = process.ppid
  setInterval(() => {
    try {
      process.kill(parent, 0)
    } catch {
      process.exit(0)
    }
  }, 1000).unref()
}
