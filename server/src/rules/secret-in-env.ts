// `secret-in-env`: `Environment=` gives a variable whose name looks like a credential a literal value.
// Environment values can be read by anyone who may inspect the container (`podman inspect`,
// `/proc/PID/environ`) and end up in logs and crash reports; a Podman secret of type env reaches the
// process the same way without sitting in the unit file. Template expressions, `$VAR`, specifiers,
// empty values and `*_FILE` names are not literal credentials (catalog/values/credentials.ts).

import { isLiteralSecret, looksLikeCredential, secretNameFor } from '../catalog/values/credentials';
import { parseKeyValueList } from '../catalog/values/keyvalue';
import { valuePieceRange } from '../syntax/model';
import { maskTemplateExpressions } from '../syntax/template';
import { Scope } from '../workspace/scopes';
import { UnitRule } from './types';

function asWhom(scope: Scope): string {
  if (scope.owner === 'root') return 'as root: ';
  if (scope.owner && !scope.owner.startsWith('uid:') && scope.owner !== '*') return `as user ${scope.owner}: `;
  return '';
}

export const messages = {
  literal: (variable: string, secret: string, scope: Scope) =>
    `${variable} holds a literal credential, and environment values can be read with podman inspect and in /proc by whoever may inspect the container. ` +
    `Store it as a Podman secret (${asWhom(scope)}podman secret create ${secret} -) and use Secret=${secret},type=env,target=${variable} instead.`,
};

export const secretInEnvRule: UnitRule = {
  code: 'secret-in-env',
  kind: 'unit',
  severity: 'warning',
  summary: 'Environment= gives a credential-like variable (PASSWORD, TOKEN, API_KEY, …) a literal value; use a Podman secret.',
  check(view, ctx) {
    if (view.type !== 'container' || view.main.identity.kind === 'dropin') return;
    for (const { entry, unit } of view.values('Container', 'Environment')) {
      const text = maskTemplateExpressions(entry.value);
      for (const pair of parseKeyValueList(text, 'env', ctx.settings.podmanVersion).pairs) {
        if (pair.value === undefined || !looksLikeCredential(pair.key) || !isLiteralSecret(pair.value)) continue;
        const secret = secretNameFor(view.name, pair.key);
        ctx.report({
          unit,
          range: valuePieceRange(entry, pair.word.start, pair.word.end),
          message: messages.literal(pair.key, secret, view.scope),
          data: { variable: pair.key, secret },
        });
      }
    }
  },
};
