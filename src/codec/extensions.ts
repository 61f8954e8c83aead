/**
 * The `Sec-WebSocket-Extensions` header (RFC 6455 §9.1): parsing and formatting.
 *
 *     extension-list  = 1#extension
 *     extension       = extension-token *( ";" extension-param )
 *     extension-param = token [ "=" (token | quoted-string) ]
 *
 * A quoted value must still be a token once unquoted (§9.1), so `x="10"` is `x=10` but `x="1 0"` is an error.
 * Parsing never throws: broken elements are dropped and reported with the line and column where they went wrong.
 */

/** One `name[=value]` parameter of an extension. A parameter written without `=` has the value `true`. */
export interface ExtensionParam {
  name: string;
  value: string | true;
}

/** One element of the extension list: a name and its parameters, in the order written. */
export interface Extension {
  name: string;
  params: ExtensionParam[];
}

/** Why part of the header could not be parsed. */
export interface ExtensionSyntaxError {
  /** One line of plain English naming the offending text, e.g. `expected a token after "=" but found ","`. */
  message: string;
  /** Which header line (index into the array passed in; 0 for a single string). */
  line: number;
  /** 0-based character index in that line where the problem starts. */
  column: number;
}

/** What {@link parseExtensions} returns: every well-formed element, and every error. */
export interface ParsedExtensions {
  extensions: Extension[];
  errors: ExtensionSyntaxError[];
}

/** RFC 2616 §2.2 separators: these, controls, and non-ASCII characters cannot appear in a token. */
const SEPARATORS = '()<>@,;:\\"/[]?={} \t';

function isTokenChar(code: number): boolean {
  // 0x21–0x7e are the visible ASCII characters; CTLs (0x00–0x1f, 0x7f), space and non-ASCII are out.
  return code > 0x20 && code < 0x7f && !SEPARATORS.includes(String.fromCharCode(code));
}

/**
 * Whether `text` is an RFC 2616 token (one or more visible ASCII characters, no separators).
 *
 * @example isToken('permessage-deflate') // true
 * @example isToken('a b') // false
 * @see RFC 6455 §9.1
 */
export function isToken(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (!isTokenChar(text.charCodeAt(i))) return false;
  return true;
}

/** Thrown inside one line's scanner to abandon the current element; caught right there, never escapes. */
class ElementError {
  constructor(
    readonly message: string,
    readonly column: number,
  ) {}
}

function describeAt(text: string, pos: number): string {
  if (pos >= text.length) return 'the end of the header';
  return JSON.stringify(text[pos]);
}

/** Scans one header line; the cursor is `pos`. */
class LineScanner {
  pos = 0;
  constructor(readonly text: string) {}

  skipSpace(): void {
    while (this.pos < this.text.length && (this.text[this.pos] === ' ' || this.text[this.pos] === '\t')) {
      this.pos++;
    }
  }

  peek(): string | undefined {
    return this.text[this.pos];
  }

  token(what: string): string {
    const start = this.pos;
    while (this.pos < this.text.length && isTokenChar(this.text.charCodeAt(this.pos))) this.pos++;
    if (this.pos === start) {
      throw new ElementError(`expected ${what} (a token) but found ${describeAt(this.text, start)}`, start);
    }
    return this.text.slice(start, this.pos);
  }

  /** quoted-string = <"> *(qdtext | quoted-pair) <">, with quoted-pair = "\" CHAR. Returns the unescaped value. */
  quoted(paramName: string): string {
    const start = this.pos;
    this.pos++;
    let value = '';
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos]!;
      if (ch === '"') {
        this.pos++;
        if (!isToken(value)) {
          throw new ElementError(
            `the quoted value of "${paramName}" is ${JSON.stringify(value)}, which is not a token once unquoted`,
            start,
          );
        }
        return value;
      }
      if (ch === '\\' && this.pos + 1 < this.text.length) {
        value += this.text[this.pos + 1];
        this.pos += 2;
      } else {
        value += ch;
        this.pos++;
      }
    }
    throw new ElementError(`the quoted value of "${paramName}" has no closing quote`, start);
  }

  /** Moves past the rest of a broken element, up to its terminating comma (commas inside quotes do not count). */
  recover(): void {
    let quoted = false;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos]!;
      if (quoted && ch === '\\') this.pos++;
      else if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) return;
      this.pos++;
    }
  }

  extension(): Extension {
    const name = this.token('an extension name');
    const params: ExtensionParam[] = [];
    this.skipSpace();
    while (this.peek() === ';') {
      this.pos++;
      this.skipSpace();
      const paramName = this.token(`a parameter name after ";" in "${name}"`);
      this.skipSpace();
      let value: string | true = true;
      if (this.peek() === '=') {
        this.pos++;
        this.skipSpace();
        value =
          this.peek() === '"' ? this.quoted(paramName) : this.token(`a value for "${paramName}" after "="`);
        this.skipSpace();
      }
      params.push({ name: paramName, value });
    }
    const next = this.peek();
    if (next !== undefined && next !== ',') {
      throw new ElementError(
        `expected ";", "," or the end after "${name}" but found ${describeAt(this.text, this.pos)}`,
        this.pos,
      );
    }
    return { name, params };
  }
}

/**
 * Parses one or several `Sec-WebSocket-Extensions` header values (a header may be repeated; each may hold a
 * comma list). Empty list elements (`a, , b`) are allowed, as HTTP list syntax says. Never throws.
 *
 * @example
 * parseExtensions('permessage-deflate; client_max_window_bits, x-webkit-deflate-frame')
 * // { extensions: [
 * //     { name: 'permessage-deflate', params: [{ name: 'client_max_window_bits', value: true }] },
 * //     { name: 'x-webkit-deflate-frame', params: [] }],
 * //   errors: [] }
 * @example parseExtensions('foo; bar="1 0"').errors[0] // { message: '…not a token once unquoted', line: 0, column: 10 }
 * @see RFC 6455 §9.1
 */
export function parseExtensions(header: string | readonly string[]): ParsedExtensions {
  const lines = typeof header === 'string' ? [header] : header;
  const extensions: Extension[] = [];
  const errors: ExtensionSyntaxError[] = [];
  lines.forEach((text, line) => {
    const scanner = new LineScanner(typeof text === 'string' ? text : '');
    for (;;) {
      scanner.skipSpace();
      const ch = scanner.peek();
      if (ch === undefined) break;
      if (ch === ',') {
        scanner.pos++;
        continue;
      }
      try {
        extensions.push(scanner.extension());
      } catch (error) {
        if (!(error instanceof ElementError)) throw error;
        errors.push({ message: error.message, line, column: error.column });
        scanner.recover();
      }
    }
  });
  return { extensions, errors };
}

function formatValue(value: string): string {
  return isToken(value) ? value : `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * Writes extensions as one `Sec-WebSocket-Extensions` value: `name; param; param=value, name2`.
 * Values that are not tokens are quoted (and are then invalid per §9.1, which the parser reports). Never throws.
 *
 * @example
 * formatExtensions([{ name: 'permessage-deflate', params: [{ name: 'server_max_window_bits', value: '10' }] }])
 * // 'permessage-deflate; server_max_window_bits=10'
 * @see RFC 6455 §9.1
 */
export function formatExtensions(extensions: readonly Extension[]): string {
  return extensions
    .map((extension) =>
      [
        extension.name,
        ...extension.params.map((param) =>
          param.value === true ? param.name : `${param.name}=${formatValue(param.value)}`,
        ),
      ].join('; '),
    )
    .join(', ');
}
