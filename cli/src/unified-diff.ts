/** One line-level edit: kept, removed from the old text, or added in the new one. */
type Edit = { op: ' ' | '-' | '+'; line: string; oldNo: number; newNo: number };

/** Lines of a text with their newlines (the last one may have none). */
function lines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The shortest edit script between two line arrays (Myers' algorithm). */
function editScript(a: string[], b: string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Map<number, number>([[1, 0]]);
  const trace: Map<number, number>[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(new Map(v));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v.get(k - 1)! < v.get(k + 1)!) ? v.get(k + 1)! : v.get(k - 1)! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v.set(k, x);
      if (x >= n && y >= m) break outer;
    }
  }
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd.get(k - 1)! < vd.get(k + 1)!) ? k + 1 : k - 1;
    const prevX = vd.get(prevK) ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      edits.push({ op: ' ', line: a[x]!, oldNo: x, newNo: y });
    }
    if (d > 0) {
      if (x === prevX) edits.push({ op: '+', line: b[prevY]!, oldNo: x, newNo: prevY });
      else edits.push({ op: '-', line: a[prevX]!, oldNo: prevX, newNo: y });
    }
    x = prevX;
    y = prevY;
  }
  return edits.reverse();
}

function range(start: number, count: number): string {
  if (count === 1) return String(start + 1);
  return `${count === 0 ? start : start + 1},${count}`;
}

/**
 * A unified diff of two texts, as `diff -u --label=old/PATH --label=new/PATH`
 * prints it (three lines of context, "\ No newline at end of file"
 * markers). Empty when the texts are equal.
 */
export function unifiedDiff(oldText: string, newText: string, path: string, context = 3): string {
  if (oldText === newText) return '';
  const a = lines(oldText);
  const b = lines(newText);
  const edits = editScript(a, b);
  let out = `--- old/${path}\n+++ new/${path}\n`;
  let i = 0;
  while (i < edits.length) {
    while (i < edits.length && edits[i]!.op === ' ') i++;
    if (i >= edits.length) break;
    let start = Math.max(0, i - context);
    let end = i;
    for (;;) {
      while (end < edits.length && edits[end]!.op !== ' ') end++;
      let next = end;
      while (next < edits.length && edits[next]!.op === ' ') next++;
      if (next < edits.length && next - end <= 2 * context) end = next;
      else {
        end = Math.min(edits.length, end + context);
        break;
      }
    }
    const hunk = edits.slice(start, end);
    const first = hunk[0]!;
    const oldCount = hunk.filter((e) => e.op !== '+').length;
    const newCount = hunk.filter((e) => e.op !== '-').length;
    out += `@@ -${range(first.oldNo, oldCount)} +${range(first.newNo, newCount)} @@\n`;
    for (const e of hunk)
      out += e.line.endsWith('\n') ? `${e.op}${e.line}` : `${e.op}${e.line}\n\\ No newline at end of file\n`;
    i = end;
    start = end;
  }
  return out;
}
