/**
 * 7-Zip archives (`.7z`, as IGN distributes ADMIN EXPRESS) read with 7-Zip compiled to
 * WebAssembly (`7z-wasm`): list the files, extract some. Each archive gets its own 7-Zip
 * instance and in-memory file system, dropped afterwards.
 */
import SevenZip, { type SevenZipModule } from '7z-wasm';
import { FileFormatError } from './plan';

/** The 6-byte signature every .7z archive starts with. */
const SIGNATURE = [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c];

export function isSevenZip(bytes: Uint8Array): boolean {
  return bytes.length >= 6 && SIGNATURE.every((b, i) => bytes[i] === b);
}

export interface SevenZipArchive {
  /** Paths of the files in the archive (folders left out), with `/` separators. */
  files: string[];
  /** The bytes of these files (paths as listed). */
  extract(paths: readonly string[]): Record<string, Uint8Array>;
}

const ARCHIVE = '/archive.7z';
const OUT = '/out';

/** Open a .7z archive held in memory; a FileFormatError when 7-Zip cannot read it. */
export async function openSevenZip(bytes: Uint8Array): Promise<SevenZipArchive> {
  const messages: string[] = [];
  const sevenZip = await SevenZip({
    print: (line: string) => messages.push(line),
    printErr: (line: string) => messages.push(line),
  });
  sevenZip.FS.writeFile(ARCHIVE, bytes);
  // -slt: one "Key = value" block per entry; -ba: no header or totals; -bsp0: no progress.
  const listing = run(
    sevenZip,
    ['l', '-slt', '-ba', '-bsp0', ARCHIVE],
    messages,
    'not a readable .7z archive',
  );
  const files = parseListing(listing);
  sevenZip.FS.mkdir(OUT);
  return {
    files,
    extract(paths) {
      if (paths.length === 0) return {};
      run(
        sevenZip,
        ['x', '-bsp0', ARCHIVE, `-o${OUT}`, '-y', ...paths],
        messages,
        'cannot extract',
      );
      return Object.fromEntries(paths.map((p) => [p, sevenZip.FS.readFile(`${OUT}/${p}`)]));
    },
  };
}

/** Run 7-Zip; its output lines, or a FileFormatError with its own reason. */
function run(sevenZip: SevenZipModule, args: string[], messages: string[], what: string): string[] {
  messages.length = 0;
  // 7-Zip's exit sets process.exitCode in Node (Emscripten's quit): keep the process's own.
  const exitCode = process.exitCode;
  let status: unknown;
  try {
    status = (sevenZip.callMain as (a: string[]) => unknown)(args);
  } finally {
    process.exitCode = exitCode;
  }
  if (status !== 0) {
    const reason = messages
      .map((m) => m.trim())
      .filter((m) => m && !/^(ERROR|ERRORS):?$/.test(m) && !m.includes(ARCHIVE))
      .join('; ');
    throw new FileFormatError(`${what}: ${reason || `7-Zip exit status ${status}`}`);
  }
  return [...messages];
}

/** The file paths of a `7z l -slt -ba` listing (entries whose attributes are not a folder's). */
function parseListing(lines: readonly string[]): string[] {
  const files: string[] = [];
  let path: string | null = null;
  let folder = false;
  const flush = () => {
    if (path !== null && !folder) files.push(path.replace(/\\/g, '/'));
    path = null;
    folder = false;
  };
  for (const line of lines) {
    const m = /(?:^|\s)(Path|Folder|Attributes) = (.*)$/.exec(line);
    if (!m) continue;
    if (m[1] === 'Path') {
      flush();
      path = m[2];
    } else if (m[1] === 'Folder') folder = m[2] === '+';
    else if (m[1] === 'Attributes') folder ||= m[2].startsWith('D');
  }
  flush();
  return files;
}
