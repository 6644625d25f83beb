/**
 * NDJSON read as it arrives: text comes in chunks cut anywhere (inside a line, inside a UTF-8
 * character when the caller decodes carelessly: decode with a streaming TextDecoder), and each
 * complete line is one JSON value. Pure: the caller feeds the chunks.
 */
export class NdjsonSplitter {
  private rest = '';
  private line = 0;

  /** The values of the lines this chunk completes (none while a line is still cut). */
  push(chunk: string): unknown[] {
    const text = this.rest + chunk;
    const parts = text.split('\n');
    this.rest = parts.pop() ?? '';
    return parts.flatMap((part) => this.parse(part));
  }

  /** The end of the stream: a last line without its newline still counts. */
  end(): unknown[] {
    const last = this.rest;
    this.rest = '';
    return this.parse(last);
  }

  private parse(part: string): unknown[] {
    this.line++;
    const text = part.endsWith('\r') ? part.slice(0, -1) : part;
    if (text.trim() === '') return [];
    try {
      return [JSON.parse(text) as unknown];
    } catch {
      throw new SyntaxError(`ligne ${this.line} illisible dans la réponse du serveur`);
    }
  }
}
