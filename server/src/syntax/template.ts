// Jinja template support for `*.j2` quadlets (Ansible roles). Statements (`{% … %}`), comments
// (`{# … #}`) and lines that are a single expression (`{{ … }}`) expand to unknown text, so they are
// opaque: nothing is checked on them. Expressions inside a value only switch off value checks.

export class TemplateScanner {
  private openUntil: '%}' | '#}' | undefined;

  /** True when the (trimmed) line belongs to a template statement or comment and must be skipped. */
  consumesLine(t: string): boolean {
    if (this.openUntil) {
      if (t.includes(this.openUntil)) this.openUntil = undefined;
      return true;
    }
    for (const [open, close] of [['{%', '%}'], ['{#', '#}']] as const) {
      if (t.startsWith(open)) {
        if (!t.includes(close, open.length)) this.openUntil = close;
        return true;
      }
    }
    return /^\{\{.*\}\}$/.test(t) && !t.includes('=');
  }
}

export function isTemplatePath(path: string): boolean {
  return /\.(j2|jinja2?)$/i.test(path);
}

export function hasTemplateExpression(s: string): boolean {
  return s.includes('{{') || s.includes('{%');
}

/**
 * The text with every template expression (`{{ … }}`, `{% … %}`, `{# … #}`) replaced by as many
 * U+0001 characters: offsets stay the same, and no literal can be read from what a template fills in.
 */
export function maskTemplateExpressions(s: string): string {
  if (!s.includes('{')) return s; // the common case, without a regular-expression scan
  return s.replace(/\{\{[\s\S]*?(\}\}|$)|\{%[\s\S]*?(%\}|$)|\{#[\s\S]*?(#\}|$)/g, (m) => '\u0001'.repeat(m.length));
}
