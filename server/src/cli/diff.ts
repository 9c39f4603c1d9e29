/**
 * A unified diff of two texts (line-based, Myers' O(ND) algorithm), for `tifa fix --dry-run`.
 * Lines are split on \n; a \r before it stays part of the line, so the diff applies to CRLF files.
 */

type Op = { kind: ' ' | '-' | '+'; line: string };

function splitLines(s: string): string[] {
  if (s === '') return [];
  const lines = s.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The edit script between two line arrays (shortest, Myers), with a fallback to replace-all when too different. */
function diffLines(a: string[], b: string[], maxD = 4000): Op[] {
  // common prefix and suffix first: fixes are local
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  const A = a.slice(p, a.length - s);
  const B = b.slice(p, b.length - s);
  const head: Op[] = a.slice(0, p).map((line) => ({ kind: ' ', line }));
  const tail: Op[] = a.slice(a.length - s).map((line) => ({ kind: ' ', line }));
  const N = A.length;
  const M = B.length;
  const max = Math.min(N + M, maxD);
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  // before step d, the furthest x on each diagonal -d..d (the backtrack reads no others): a copy of the
  // whole of v at each step made a file with a few hundred changed lines cost milliseconds
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice(off - d, off + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < N && y < M && A[x] === B[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= N && y >= M) {
        found = d;
        break;
      }
    }
  }
  const mid: Op[] = [];
  if (found < 0) {
    // too different for the shortest script within maxD: a walk that resynchronises at shared lines (a
    // whole-file replacement, as before, was unreadable)
    for (const op of windowedDiff(A, B)) mid.push(op);
    return [...head, ...mid, ...tail];
  }
  // backtrack
  let x = N;
  let y = M;
  for (let d = found; d > 0; d--) {
    // diagonal k of step d is at vd[k + d]
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[k - 1 + d] < vd[k + 1 + d]) ? k + 1 : k - 1;
    const prevX = vd[prevK + d];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      mid.push({ kind: ' ', line: A[--x] });
      y--;
    }
    if (x === prevX) mid.push({ kind: '+', line: B[--y] });
    else mid.push({ kind: '-', line: A[--x] });
  }
  while (x > 0 && y > 0) {
    mid.push({ kind: ' ', line: A[--x] });
    y--;
  }
  mid.reverse();
  return [...head, ...mid, ...tail];
}

/** How far ahead (in lines, on each side) windowedDiff looks for the next line the two texts share. */
const WINDOW = 48;

/**
 * The edit script of two texts too different for diffLines' bound (a large file with thousands of fixes):
 * along both texts, where they differ, the nearest line they share within WINDOW lines on each side
 * resynchronises them (the fewest lines skipped on both sides). Not always the shortest script, but
 * fixes are local, so it finds each change where it is; with no shared line in reach, one line of each
 * side is replaced and the walk goes on.
 */
function windowedDiff(A: string[], B: string[]): Op[] {
  const out: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < A.length && j < B.length) {
    if (A[i] === B[j]) {
      out.push({ kind: ' ', line: A[i++] });
      j++;
      continue;
    }
    // B's next lines by text (the first of each), then A's next lines looked up in it
    const ahead = new Map<string, number>();
    for (let dj = 0; dj <= WINDOW && j + dj < B.length; dj++) if (!ahead.has(B[j + dj])) ahead.set(B[j + dj], dj);
    let di = 1;
    let dj = 1;
    let best = Infinity;
    for (let a = 0; a <= WINDOW && i + a < A.length && a < best; a++) {
      const b = ahead.get(A[i + a]);
      if (b !== undefined && a + b < best) {
        best = a + b;
        di = a;
        dj = b;
      }
    }
    for (let k = 0; k < di; k++) out.push({ kind: '-', line: A[i + k] });
    for (let k = 0; k < dj; k++) out.push({ kind: '+', line: B[j + k] });
    i += di;
    j += dj;
  }
  while (i < A.length) out.push({ kind: '-', line: A[i++] });
  while (j < B.length) out.push({ kind: '+', line: B[j++] });
  return out;
}

/** A unified diff (`--- a/file`, `+++ b/file`, hunks with `context` lines around changes), or "" when equal. */
export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const noEolA = before !== '' && !before.endsWith('\n');
  const noEolB = after !== '' && !after.endsWith('\n');
  const name = file.split('\\').join('/');
  const abs = name.startsWith('/') || /^[A-Za-z]:\//.test(name);
  const out: string[] = abs ? [`--- ${name}`, `+++ ${name}`] : [`--- a/${name}`, `+++ b/${name}`];
  // positions of each op in a and b
  const changes: number[] = [];
  ops.forEach((o, i) => o.kind !== ' ' && changes.push(i));
  let ci = 0;
  // the lines of a and b before ops[counted]: carried from hunk to hunk (counted from the start for each
  // hunk, a file with many hunks took quadratic time)
  let counted = 0;
  let aLine = 0;
  let bLine = 0;
  while (ci < changes.length) {
    const start = Math.max(0, changes[ci] - context);
    let end = changes[ci];
    while (ci < changes.length && changes[ci] <= end + 2 * context) end = changes[ci++];
    end = Math.min(ops.length - 1, end + context);
    for (; counted < start; counted++) {
      if (ops[counted].kind !== '+') aLine++;
      if (ops[counted].kind !== '-') bLine++;
    }
    let aCount = 0;
    let bCount = 0;
    const body: string[] = [];
    for (let i = start; i <= end; i++) {
      const o = ops[i];
      if (o.kind !== '+') aCount++;
      if (o.kind !== '-') bCount++;
      body.push(o.kind + o.line);
      // the last line of a side without a final newline
      if (o.kind !== '+' && noEolA && aLine + aCount === a.length && o.kind === '-') body.push('\\ No newline at end of file');
      else if (o.kind !== '-' && noEolB && bLine + bCount === b.length && o.kind === '+') body.push('\\ No newline at end of file');
      else if (o.kind === ' ' && noEolA && noEolB && aLine + aCount === a.length) body.push('\\ No newline at end of file');
    }
    const range = (line: number, count: number) => `${count === 0 ? line : line + 1}${count === 1 ? '' : ',' + count}`;
    out.push(`@@ -${range(aLine, aCount)} +${range(bLine, bCount)} @@`);
    // one at a time: spreading a hunk of many lines into push overflowed the call stack
    for (const line of body) out.push(line);
  }
  return out.join('\n') + '\n';
}
