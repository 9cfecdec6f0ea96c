// `hardening` (opt-in: setting `hardening: "recommend"`): a container without ReadOnly=true,
// NoNewPrivileges=true or DropCapability=ALL. One summary per file, on its [Container] header,
// listing what is missing; the quick fixes add one line each (features/fixes/hardening.ts).
// The effective unit counts: a drop-in that sets a key satisfies it.

import { parsePodmanBool } from '../catalog/values/bool';
import { parseCapabilities } from '../catalog/values/capabilities';
import { UnitView } from '../workspace/unit-view';
import { lookup } from './lookup';
import { UnitRule } from './types';

/** The lines the rule recommends, in the order they are listed and added. */
export const HARDENING_LINES: ReadonlyArray<{ key: string; value: string; why: string }> = [
  { key: 'ReadOnly', value: 'true', why: 'a read-only root file system' },
  { key: 'NoNewPrivileges', value: 'true', why: 'no privilege gain through setuid programs' },
  { key: 'DropCapability', value: 'ALL', why: 'no Linux capabilities' },
];

/** Set as recommended; a value a template fills in counts as set (it cannot be known here). */
function present(view: UnitView, key: string, version: string): boolean {
  if (key === 'DropCapability') return view.values('Container', key).some(({ entry }) => entry.templated || parseCapabilities(entry.value).names.includes('ALL'));
  const found = lookup(view, 'Container', key, version);
  return !!found && (found.at.entry.templated || parsePodmanBool(found.value).value === true);
}

export const messages = {
  missing: (lines: typeof HARDENING_LINES) =>
    `Hardening: this container runs without ${lines.map((l) => `${l.key}=${l.value} (${l.why})`).join(', ')}. Each limits what an attacker who takes over the process can do; add them, then give back only what the container needs (AddCapability=, Tmpfs= or volumes for the paths it writes).`,
};

export const hardeningRule: UnitRule = {
  code: 'hardening',
  kind: 'unit',
  severity: 'information',
  summary: 'Opt-in (setting hardening: recommend): a container without ReadOnly=true, NoNewPrivileges=true and DropCapability=ALL.',
  check(view, ctx) {
    if (ctx.settings.hardening !== 'recommend' || view.type !== 'container' || view.main.identity.kind === 'dropin') return;
    const missing = HARDENING_LINES.filter((l) => !present(view, l.key, ctx.settings.podmanVersion));
    if (!missing.length) return;
    // On the main file's [Container] header; a unit whose [Container] is only in drop-ins gets it on the first one.
    const header = view.documents.flatMap((d) => d.doc.sections.filter((s) => s.name === 'Container').map((s) => ({ unit: d, s })))[0];
    if (!header) return;
    ctx.report({ unit: header.unit, range: header.s.headerRange, message: messages.missing(missing), data: { missing: missing.map((l) => l.key) } });
  },
};
