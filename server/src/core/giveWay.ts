/**
 * Pause background work so that the editor's requests go first. The language server reads a message in
 * the event loop's poll phase and handles it in an immediate queued then, behind any immediate we queued
 * before; so a single `setImmediate` would let our next step run before a hover that arrived during this
 * one. Waiting for a second immediate puts every message read meanwhile ahead of it: a request waits for
 * one step of background work at most.
 */
export function giveWay(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));
}
