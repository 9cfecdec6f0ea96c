// `.quadlets` files (Podman 5.8, `podman quadlet install`): several quadlets in one file, separated
// by lines holding only `---`; each part names its file with a `# FileName=<name>` comment.

import { Range, lineRange } from './model';
import { splitLines } from './parser';

export interface QuadletsPart {
  /** The file name the part declares, e.g. "web.container"; undefined when the comment is missing. */
  fileName?: string;
  fileNameRange?: Range;
  firstLine: number;
  lastLine: number;
}

const FILE_NAME = /^\s*[#;]\s*FileName\s*=\s*(\S+)\s*$/;

export function splitQuadletsParts(text: string): QuadletsPart[] {
  const lines = splitLines(text);
  const parts: QuadletsPart[] = [];
  let start = 0;
  const close = (end: number) => {
    let fileName: string | undefined;
    let fileNameRange: Range | undefined;
    for (let n = start; n <= end; n++) {
      const m = FILE_NAME.exec(lines[n]);
      if (m) {
        const at = lines[n].indexOf(m[1]);
        fileName = m[1];
        fileNameRange = lineRange(n, at, at + m[1].length);
        break;
      }
    }
    const blank = lines.slice(start, end + 1).every((l) => l.trim() === '');
    if (!blank) parts.push({ fileName, fileNameRange, firstLine: start, lastLine: end });
  };
  for (let n = 0; n < lines.length; n++) {
    if (lines[n].trim() === '---') {
      close(n - 1);
      start = n + 1;
    }
  }
  close(lines.length - 1);
  return parts;
}
