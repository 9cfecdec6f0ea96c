// `missing-key`: keys without which the generator refuses the unit. Checked on the effective unit,
// because a drop-in may supply them. "Present" means what Podman tests for each key: usually a
// non-empty Lookup() (so `Image=` or `Image=""` is missing), but mere presence for [Volume] Image=
// with Driver=image and for File= with SetWorkingDirectory=file (docs/generator-facts.md §7).

import { MAIN_SECTION, isQuadletType } from '../catalog/filetypes';
import { Range } from '../syntax/model';
import { UnitView } from '../workspace/unit-view';
import { atLeast } from '../catalog/versions';
import { lookup, lookupAllWords, lookupSet } from './lookup';
import { UnitRule } from './types';

export const messages = {
  container: 'A .container needs Image= (or Rootfs=); without it Podman refuses the file.',
  kube: 'A .kube needs Yaml= pointing at the Kubernetes YAML; without it Podman refuses the file.',
  image: 'An .image needs Image= naming the image to pull; without it Podman refuses the file.',
  artifact: 'An .artifact needs Artifact= naming the artifact to pull; without it Podman refuses the file.',
  buildTag: 'A .build needs ImageTag= (the name of the built image); without it Podman refuses the file.',
  buildContext: 'A .build needs SetWorkingDirectory= or File= (or [Service] WorkingDirectory=); without them Podman refuses the file.',
  buildFile: 'SetWorkingDirectory=file needs File= naming the Containerfile; without it Podman refuses the file.',
  volumeImage: 'Driver=image needs Image= naming the image to mount; without it Podman refuses the file.',
};

function anchor(view: UnitView): Range {
  const type = view.type;
  const section = isQuadletType(type) ? view.doc.sections.find((s) => s.name === MAIN_SECTION[type]) : undefined;
  if (section) return section.nameRange;
  const line = view.doc.firstLine;
  return { start: { line, character: 0 }, end: { line, character: view.doc.lines[line]?.length ?? 0 } };
}

export const missingKeyRule: UnitRule = {
  code: 'missing-key',
  kind: 'unit',
  severity: 'error',
  summary: 'A key the generator requires is missing (Image, Yaml, ImageTag, …).',
  check(view, ctx) {
    const type = view.type;
    if (!isQuadletType(type) || view.main.identity.kind === 'dropin' || view.main.foreign) return;
    const version = ctx.settings.podmanVersion;
    const report = (message: string, range = anchor(view), unit = view.main) => ctx.report({ unit, range, message });
    const S = MAIN_SECTION[type];
    const set = (key: string, section = S) => !!lookupSet(view, section, key, version);
    switch (type) {
      case 'container':
        if (!set('Image') && !set('Rootfs')) report(messages.container);
        break;
      case 'kube':
        // 5.7+ reads every Yaml= (words); older releases only the last value.
        if (atLeast(version, '5.7') ? lookupAllWords(view, S, 'Yaml').length === 0 : !set('Yaml')) report(messages.kube);
        break;
      case 'image':
        if (!set('Image')) report(messages.image);
        break;
      case 'artifact':
        if (!set('Artifact')) report(messages.artifact);
        break;
      case 'build': {
        if (view.values(S, 'ImageTag').length === 0) report(messages.buildTag);
        const swd = lookupSet(view, S, 'SetWorkingDirectory', version);
        // SetWorkingDirectory=file takes its directory from File=; any other value is enough on its own.
        const swdFile = swd?.value.toLowerCase() === 'file';
        if (swdFile && !view.has(S, 'File')) report(messages.buildFile, swd.at.entry.keyRange, swd.at.unit);
        else if (!(swd && !swdFile) && !set('File') && !set('WorkingDirectory', 'Service')) report(messages.buildContext);
        break;
      }
      case 'volume':
        if (lookup(view, S, 'Driver', version)?.value === 'image' && !view.has(S, 'Image')) report(messages.volumeImage);
        break;
    }
  },
};
