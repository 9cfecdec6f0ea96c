// secret-in-env: which names and values count, exact ranges with "\n" and "\r\n", and the quick fix
// (one edit, only that assignment replaced, the value written nowhere).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EOLS, lines, withEol } from '../helpers/text';
import { assertDiagnostic, assertNoDiagnostic } from '../helpers/diagnostics';
import { ROOT as WS, analyse, diagnose } from '../helpers/workspace';
import { quickFixes } from '../../server/src/features/quick-fixes';
import { applyTextEdits } from '../../server/src/features/edits';
import { isLiteralSecret, looksLikeCredential, secretNameFor } from '../../server/src/catalog/values/credentials';
import { ALICE, container } from '../ports/fixtures';

const CODE = 'secret-in-env';
const WEB = ALICE + 'web.container';

describe('credential names and literal values', () => {
  it('recognises credential-like names as name parts, case-insensitively', () => {
    const yes = ['PASSWORD', 'DB_PASSWORD', 'db_passwd', 'MYSQL_ROOT_PASSWORD', 'PGPASSWORD', 'SMTP_PASS', 'apiKey', 'API_KEY', 'GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'PRIVATE_KEY', 'client-secret', 'SECRET_KEY_BASE', 'REGISTRY_CREDENTIALS', 'gpg.passphrase'];
    const no = ['DB_PASSWORD_FILE', 'PASSWORD_MIN_LENGTH', 'TOKEN_URL', 'SECRET_NAME', 'AWS_ACCESS_KEY_ID', 'USER', 'PWD', 'PASSTHROUGH', 'KEYBOARD', 'SORT_KEY', 'TOKENIZER', 'DATABASE_URL', 'BYPASS'];
    assert.deepEqual(yes.filter((n) => !looksLikeCredential(n)), []);
    assert.deepEqual(no.filter((n) => looksLikeCredential(n)), []);
  });

  it('takes only literal values', () => {
    assert.deepEqual(['hunter2', 's3cr3t!', 'a b'].map(isLiteralSecret), [true, true, true]);
    assert.deepEqual(['', 'true', 'OFF', '1', '{{ vault_pw }}', '${DB_PW}', '$PW', '%d/pw', '\u0001\u0001'].map(isLiteralSecret), Array(9).fill(false));
  });

  it('names secrets after the unit and the variable', () => {
    assert.equal(secretNameFor('webapp.container', 'DB_PASSWORD'), 'webapp-db-password');
    assert.equal(secretNameFor('web@.container', 'apiKey'), 'web-apikey');
  });
});

for (const [eolName, eol] of EOLS) {
  const files = (body: string[], extra: Record<string, string> = {}) => Object.fromEntries(Object.entries({ [WEB]: container(...body), ...extra }).map(([p, t]) => [p, withEol(t, eol)]));
  const diags = (body: string[], file = WEB, extra: Record<string, string> = {}) => diagnose(files(body, extra), file);

  describe(`secret-in-env (${eolName})`, () => {
    it('points at the assignment and says what to run', () => {
      const d = assertDiagnostic(diags(['Environment=DB_PASSWORD=hunter2']), {
        code: CODE,
        severity: 'warning',
        range: '2:12-2:31',
        message:
          'DB_PASSWORD holds a literal credential, and environment values can be read with podman inspect and in /proc by whoever may inspect the container. ' +
          'Store it as a Podman secret (as user alice: podman secret create web-db-password -) and use Secret=web-db-password,type=env,target=DB_PASSWORD instead.',
      });
      assert.deepEqual(d.data, { variable: 'DB_PASSWORD', secret: 'web-db-password' });
    });

    it('finds the one assignment among several, quoted ones and continued lines', () => {
      assertDiagnostic(diags(['Environment=A=1 API_KEY=abc B=2']), { code: CODE, range: '2:16-2:27' });
      assertDiagnostic(diags(['Environment="DB_PASSWORD=hunter 2" A=1']), { code: CODE, range: '2:12-2:34' });
      assertDiagnostic(diags(['Environment=A=1 \\', '  TOKEN=abc']), { code: CODE, range: '3:2-3:11' });
    });

    it('reports in the drop-in that sets it', () => {
      const list = diagnose(files([], { [ALICE + 'web.container.d/10-env.conf']: '[Container]\nEnvironment=TOKEN=abc\n' }), ALICE + 'web.container.d/10-env.conf');
      assertDiagnostic(list, { code: CODE, range: '1:12-1:21' });
    });

    it('is silent for *_FILE, describing names, empty, switch, template and expanded values', () => {
      for (const line of [
        'Environment=DB_PASSWORD_FILE=/run/secrets/db',
        'Environment=PASSWORD_MIN_LENGTH=12',
        'Environment=DB_PASSWORD=',
        'Environment=TOKEN_AUTH=true',
        'Environment=DB_PASSWORD=${PW}',
        'Environment=DB_PASSWORD=%d/pw',
        'Environment=USER=admin',
        'Secret=web-db-password,type=env,target=DB_PASSWORD',
      ]) {
        assertNoDiagnostic(diags([line]), { code: CODE });
      }
      const j2 = ALICE + 'web.container.j2';
      assertNoDiagnostic(diagnose({ [j2]: withEol(container('Environment=DB_PASSWORD={{ vault_db_password }} A=1'), eol) }, j2), { code: CODE });
      // [Service] Environment= is systemd's, not the container's.
      assertNoDiagnostic(diagnose({ [WEB]: withEol(lines(container(), '[Service]', 'Environment=TOKEN=abc'), eol) }, WEB), { code: CODE });
    });
  });

  describe(`secret-in-env quick fix (${eolName})`, () => {
    const fixed = (body: string[]) => {
      const a = analyse(files(body));
      const file = a.index.getFile(`${WS}/${WEB}`)!;
      const found = a.diagnostics(file.path).filter((d) => d.code === CODE);
      assert.equal(found.length, 1);
      const actions = quickFixes(file, found, a.index);
      assert.equal(actions.length, 1);
      const action = actions[0];
      assert.equal(action.change?.changes.length, 1, 'one file change: one undoable edit');
      const change = action.change!.changes[0];
      if (change.kind !== 'edit') throw new Error('not an edit');
      assert.equal(change.path, file.path);
      for (const e of change.edits) assert.doesNotMatch(e.newText, /hunter2/, 'the value is never written');
      assert.doesNotMatch(action.title, /hunter2/);
      const text = applyTextEdits(file.text, change.edits);
      a.setFile(file.path, { text });
      assert.equal(a.diagnostics(file.path).filter((d) => d.code === CODE).length, 0, 'fixed');
      return { title: action.title, text };
    };
    const expect = (...body: string[]) => withEol(container(...body), eol);

    it('turns a one-assignment line into the Secret= line', () => {
      const r = fixed(['Environment=DB_PASSWORD=hunter2', 'Exec=run']);
      assert.equal(r.title, 'Use the Podman secret web-db-password for DB_PASSWORD (create it first: podman secret create web-db-password -)');
      assert.equal(r.text, expect('Secret=web-db-password,type=env,target=DB_PASSWORD', 'Exec=run'));
    });

    it('removes only that assignment from a longer line and adds the Secret= line after it', () => {
      assert.equal(fixed(['Environment=A=1 DB_PASSWORD=hunter2 B=2', 'Exec=run']).text, expect('Environment=A=1 B=2', 'Secret=web-db-password,type=env,target=DB_PASSWORD', 'Exec=run'));
      assert.equal(fixed(['Environment=DB_PASSWORD=hunter2 B=2']).text, expect('Environment=B=2', 'Secret=web-db-password,type=env,target=DB_PASSWORD'));
      assert.equal(fixed(['Environment=A=1 \\', '  DB_PASSWORD=hunter2 \\', '  B=2']).text, expect('Environment=A=1 B=2', 'Secret=web-db-password,type=env,target=DB_PASSWORD'));
    });

    it('gives no fix for a stale diagnostic', () => {
      const a = analyse(files(['Environment=DB_PASSWORD=hunter2']));
      const file = a.index.getFile(`${WS}/${WEB}`)!;
      const d = a.diagnostics(file.path).find((x) => x.code === CODE)!;
      a.setFile(file.path, { text: withEol(container('Environment=A=1'), eol) });
      assert.deepEqual(quickFixes(a.index.getFile(file.path)!, [d], a.index), []);
    });
  });
}
