/**
 * What `hir fmt --check` says about a file that is not formatted: the first line
 * that differs, as it is and as the formatter writes it, and how many lines differ.
 */
const SHOWN = 70;

function show(line: string | undefined): string {
  if (line === undefined) return "(end of file)";
  const visible = line.length > SHOWN ? `${line.slice(0, SHOWN)}…` : line;
  return JSON.stringify(visible);
}

export function describeFormatDifference(file: string, actual: string, formatted: string): string {
  const a = actual.split("\n");
  const f = formatted.split("\n");
  let first = -1;
  let differing = 0;
  for (let i = 0; i < Math.max(a.length, f.length); i++) {
    if (a[i] === f[i]) continue;
    differing++;
    if (first < 0) first = i;
  }
  if (first < 0) return `${file}: not formatted (line endings or trailing whitespace differ)`;
  const more = differing > 1 ? ` (${differing} lines differ)` : "";
  return `${file}:${first + 1}: not formatted${more}: ${show(a[first])} should be ${show(f[first])}`;
}
