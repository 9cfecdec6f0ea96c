// `missing-key`: keys without which the generator refuses the unit. Checked on the effective unit,
// because a drop-in may supply them.

import { MAIN_SECTION, isQuadletType } from '../catalog/filetypes';
import { Range } from '../syntax/model';
import { UnitView } from '../workspace/unit-view';
import { UnitRule } from './types';

export const messages = {
  container: 'A .container needs Image= (or Rootfs=); without it Podman refuses the file.',
  kube: 'A .kube needs Yaml= pointing at the Kubernetes YAML; without it Podman refuses the file.',
  image: 'An .image needs Image= naming the image to pull; without it Podman refuses the file.',
  artifact: 'An .artifact needs Artifact= naming the artifact to pull; without it Podman refuses the file.',
  buildTag: 'A .build needs ImageTag= (the name of the built image); without it Podman refuses the file.',
  buildContext: 'A .build needs SetWorkingDirectory= or File=; without either Podman refuses the file.',
  volumeImage: 'Driver=image needs Image= naming the image to mount; without it Podman refuses the file.',
};

function anchor(view: UnitView): Range {
  const type = view.type;
  const section = isQuadletType(type) ? view.doc.sections.find((s) => s.name === MAIN_SECTION[type]) : undefined;
  if (section) return section.nameRange;
  const line = view.doc.firstLine;
  return { start: { line, character: 0 }, end: { line, character: view.doc.lines[line]?.length ?? 0 } };
}

function present(view: UnitView, section: string, key: string): boolean {
  const last = view.last(section, key);
  return !!last && last.entry.value.trim() !== '';
}

export const missingKeyRule: UnitRule = {
  code: 'missing-key',
  kind: 'unit',
  severity: 'error',
  summary: 'A key the generator requires is missing (Image, Yaml, ImageTag, …).',
  check(view, ctx) {
    const type = view.type;
    if (!isQuadletType(type) || view.main.identity.kind === 'dropin' || view.main.foreign) return;
    const report = (message: string) => ctx.report({ unit: view.main, range: anchor(view), message });
    const S = MAIN_SECTION[type];
    switch (type) {
      case 'container':
        if (!present(view, S, 'Image') && !present(view, S, 'Rootfs')) report(messages.container);
        break;
      case 'kube':
        if (!present(view, S, 'Yaml')) report(messages.kube);
        break;
      case 'image':
        if (!present(view, S, 'Image')) report(messages.image);
        break;
      case 'artifact':
        if (!present(view, S, 'Artifact')) report(messages.artifact);
        break;
      case 'build':
        if (!present(view, S, 'ImageTag')) report(messages.buildTag);
        if (!present(view, S, 'SetWorkingDirectory') && !present(view, S, 'File')) report(messages.buildContext);
        break;
      case 'volume':
        if (view.last(S, 'Driver')?.entry.value.trim() === 'image' && !present(view, S, 'Image')) report(messages.volumeImage);
        break;
    }
  },
};
