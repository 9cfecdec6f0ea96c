// `socket-service-missing-install`: a .socket that `systemctl enable` cannot hook anywhere (no
// [Install] section, or one without WantedBy=/RequiredBy=/UpheldBy=). `enable --now` then only starts it
// for the current boot; after a reboot nothing listens.

import { Range } from '../syntax/model';
import { UnitView } from '../workspace/unit-view';
import { UnitRule } from './types';

export const messages = {
  noInstall: (name: string) =>
    `${name} has no [Install] section, so it will not listen after a reboot: add [Install] with WantedBy=sockets.target and enable it.`,
  noTarget: (name: string) =>
    `The [Install] section of ${name} has no WantedBy=, RequiredBy= or UpheldBy=, so enabling it does nothing and it will not listen after a reboot: add WantedBy=sockets.target.`,
};

const INSTALL_KEYS = ['WantedBy', 'RequiredBy', 'UpheldBy'];

function anchor(view: UnitView): Range {
  const doc = view.doc;
  const section = doc.sections.find((s) => s.name === 'Install') ?? doc.sections.find((s) => s.name === 'Socket') ?? doc.sections[0];
  if (section) return section.nameRange;
  const line = doc.firstLine;
  return { start: { line, character: 0 }, end: { line, character: doc.lines[line]?.length ?? 0 } };
}

export const socketServiceMissingInstallRule: UnitRule = {
  code: 'socket-service-missing-install',
  kind: 'unit',
  severity: 'warning',
  summary: 'A .socket without [Install] WantedBy= (it will not listen after a reboot).',
  check(view, ctx) {
    if (view.type !== 'socket' || view.main.identity.kind === 'dropin' || view.doc.sections.length === 0) return;
    if (INSTALL_KEYS.some((k) => view.values('Install', k).length > 0)) return;
    const hasSection = view.sectionNames().has('Install');
    ctx.report({ unit: view.main, range: anchor(view), message: hasSection ? messages.noTarget(view.name) : messages.noInstall(view.name) });
  },
};
