// Tricky unit-file syntax (docs/generator-facts.md §1) with the verdict of both generators: our
// parser must refuse (an error) exactly what they refuse. `C` is a minimal valid container.

const C = '[Container]\nImage=quay.io/x/y\n';

export const SYNTAX_CASES: Record<string, { text: string; generator: 'ok' | 'fail' }> = {
  'CR-only line ends make one long line': { text: '[Container]\rImage=quay.io/x/y\r', generator: 'fail' },
  'CRLF with a continuation': { text: '[Container]\r\nImage=quay.io/x/y \r\nExec=a \\\r\n b\r\n', generator: 'ok' },
  'no final newline': { text: '[Container]\nImage=quay.io/x/y', generator: 'ok' },
  '[ Container ] is another section': { text: '[ Container ]\nImage=quay.io/x/y\n', generator: 'fail' },
  '[Container]]': { text: '[Container]]\nImage=quay.io/x/y\n', generator: 'fail' },
  'text after the header': { text: '[Container] trailing\nImage=quay.io/x/y\n', generator: 'fail' },
  'a comment after the header': { text: '[Container] # c\nImage=quay.io/x/y\n', generator: 'fail' },
  'blanks after the header': { text: '[Container]\t \nImage=quay.io/x/y\n', generator: 'ok' },
  '=value': { text: C + '=value\n', generator: 'fail' },
  'a bare word': { text: C + 'bareword\n', generator: 'fail' },
  'a key before any section': { text: 'Image=quay.io/x/y\n[Container]\n', generator: 'fail' },
  'an empty section name': { text: '[]\n' + C, generator: 'fail' },
  'a bracket inside a section name': { text: '[Con[tainer]\n' + C, generator: 'fail' },
  'a control character in a section name': { text: '[Con\x01tainer]\n' + C, generator: 'fail' },
  'a key with a space in [Container]': { text: C + 'Foo Bar=1\n', generator: 'fail' },
  'an unclosed header line': { text: '[Container\n' + C, generator: 'fail' },
  'a UTF-8 BOM': { text: '\ufeff[Container]\nImage=quay.io/x/y\n', generator: 'fail' },
  'a BOM before a comment': { text: '\ufeff# c\n' + C, generator: 'fail' },
  'a continuation swallows the next header': { text: C + 'Exec=foo \\\n\n[Unit]\nDescription=x\n', generator: 'fail' },
  'a continuation into comments at the end is dropped': { text: C + 'Exec=foo \\\n# trailing\n', generator: 'ok' },
  'a continuation on the last line': { text: C + 'Exec=foo \\', generator: 'ok' },
  'a header ending in a backslash joins the next line': { text: '[Container]\\\nImage=quay.io/x/y\n', generator: 'fail' },
  'a comment ending in a backslash': { text: C + '# c \\\nExec=a\n', generator: 'ok' },
  'NBSP around lines is trimmed': { text: '\u00a0[Container]\u00a0\nImage=quay.io/x/y\u00a0\n', generator: 'ok' },
  'indentation, spaces around =, # inside a value': { text: '   # c\n\t; c\n[Container]\n  Image = quay.io/x/y  \n   \t \nExec=a # x\n', generator: 'ok' },
  '[container] is not [Container]': { text: '[container]\nImage=quay.io/x/y\n', generator: 'fail' },
  'a key ending in à loses a byte': { text: C + 'Environment\u00e0=1\n', generator: 'fail' },
  'unknown keys in [Unit] are not checked': { text: '[Unit]\nFoo=bar\n' + C, generator: 'ok' },
  'an empty file': { text: '', generator: 'fail' },
  'template syntax': { text: C + '{{#if x}}\n', generator: 'fail' },
  'a repeated section merges': { text: '[Container]\nImage=quay.io/x/y\n[Unit]\nDescription=a\n[Container]\nExec=a\n', generator: 'ok' },
};
