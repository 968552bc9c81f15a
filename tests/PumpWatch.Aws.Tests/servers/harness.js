// Shared by every local server script the tests start: report the bound port, and never outlive the test process.
// The test process reads the port from the first line of stdout and holds this process's stdin open; when it ends
// (normally, killed, or crashed) the pipe closes and this process exits. The parent check is a second guard for the
// case where the pipe stays open because another process inherited it.
const fs = require('fs')

/** Prints the port the server bound, as the one line the test fixture waits for. */
exports.announcePort = port => process.stdout.write(`${port}\n`)

/** The current parent pid on Linux (Node's process.ppid is read once at start), or undefined elsewhere. */
const currentParent = () => {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8')
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    return Number.isInteger(ppid) ? ppid : undefined
  } catch {
    return undefined
  }
}

/** Exits when the parent (the test process) closes stdin or is gone. */
exports.exitWithParent = () => {
  process.stdin.on('end', () => process.exit(0))
  process.stdin.on('close', () => process.exit(0))
  process.stdin.resume()
  // A dead parent's children are handed to init (or a subreaper) at once, before the parent is reaped, so a changed
  // parent pid means the test process is gone; signalling the old pid would still reach its zombie until then.
  const parent = process.ppid
  setInterval(() => {
    const now = currentParent()
    let alive = now === undefined || now === parent
    if (alive) {
      try {
        process.kill(parent, 0)
      } catch {
        alive = false
      }
    }
    if (!alive) process.exit(0)
  }, 1000).unref()
}
