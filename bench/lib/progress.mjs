// Progress on stderr (stdout carries only the tables): one line rewritten in place on a terminal,
// nothing in a log where the rewritten lines would only be noise.
const live = process.stderr.isTTY;

export function progress(line) {
  if (live) process.stderr.write(`\r\x1b[K${line}`);
}

/** A step worth a line even in a log. */
export function step(line) {
  process.stderr.write(`${live ? "\r\x1b[K" : ""}${line}\n`);
}
