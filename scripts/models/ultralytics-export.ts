// Turns Ultralytics YOLO weights into the ONNX export the screen detector reads: Ultralytics publishes
// only .pt files, so `pull` exports them with the pinned ultralytics package in a Python venv at
// .stack/ultralytics (over Debian's python3-torch and python3-torchvision), then checks the result's
// layout before it is put in place.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readOnnxModelInfo } from '../../consumers/screen/onnx-model-info.ts';
import { ultralyticsExport } from '../../consumers/screen/ultralytics-yolo.ts';
import { installPackages } from '../stack/apt.ts';
import { runChecked, runCommand } from '../stack/processes.ts';
import { stackDir } from '../stack/settings.ts';
import type { ModelEntry } from '../../models/manifest.ts';

type ExportSettings = NonNullable<ModelEntry['ultralyticsExport']>;

// Debian's interpreter: python3-torch is installed for it alone (see whisper-base.ts).
const debianPython = '/usr/bin/python3';
const venvDir = join(stackDir, 'ultralytics');
const venvPython = join(venvDir, 'bin', 'python');
const installedFile = join(venvDir, '.installed-requirements.txt');
const exporter = join(import.meta.dirname, 'ultralytics-export.py');
// Debian's torch 1.13 is built against numpy 1: numpy 2 (which the newest opencv-python pulls in)
// breaks its tensors' numpy bridge. onnx 1.23.2 is what the export was checked with here.
const companions = ['onnx==1.23.2', 'numpy<2'];
// YOLO_OFFLINE keeps Ultralytics from fetching fonts or checking for updates while exporting.
const pythonEnv = { ...process.env, PYTHONNOUSERSITE: '1', PIP_DISABLE_PIP_VERSION_CHECK: '1', YOLO_OFFLINE: '1' };

/** The venv's packages for these export settings. */
export const exportRequirements = (settings: ExportSettings): string[] => [settings.package, ...companions];

/** The exporter's command line, run by the venv's python. */
export const exportArguments = (settings: ExportSettings, weights: string, out: string): string[] => [
  exporter,
  '--weights',
  weights,
  '--imgsz',
  String(settings.imgsz),
  '--opset',
  String(settings.opset),
  '--out',
  out,
];

/** Throws unless the file is an Ultralytics detection export with the classes and input side the manifest promises. */
export function checkExportLayout(bytes: Uint8Array, settings: ExportSettings): void {
  const info = readOnnxModelInfo(bytes);
  const found = ultralyticsExport(info);
  const output = info.outputs[0]?.shape ?? [];
  const problems = [
    ...(found.classNames.length === settings.classes ? [] : [`${found.classNames.length} class names in its metadata, not ${settings.classes}`]),
    ...(found.sizePx === settings.imgsz ? [] : [`an input of ${found.sizePx} px, not ${settings.imgsz}`]),
    ...(output.every((dim) => typeof dim === 'number') ? [] : ['an output whose shape is not fixed (exported with dynamic=True)']),
  ];
  if (problems.length > 0) throw new Error(`the export has ${problems.join(', ')}`);
}

async function ensureVenv(settings: ExportSettings): Promise<void> {
  const missing: string[] = [];
  for (const [module, aptPackage] of [['torch', 'python3-torch'], ['torchvision', 'python3-torchvision'], ['ensurepip', 'python3-venv']] as const) {
    if (!existsSync(debianPython) || (await runCommand(debianPython, ['-c', `import ${module}`])).exitCode !== 0) missing.push(aptPackage);
  }
  await installPackages(missing);
  if (!existsSync(venvPython)) {
    console.log(`creating the Python venv ${venvDir}`);
    await runChecked(debianPython, ['-m', 'venv', '--system-site-packages', venvDir]);
  }
  const requirements = exportRequirements(settings).join('\n');
  if (existsSync(installedFile) && readFileSync(installedFile, 'utf8') === requirements) return;
  console.log(`installing ${exportRequirements(settings).join(' ')} into ${venvDir}`);
  await runChecked(venvPython, ['-m', 'pip', 'install', '--quiet', ...exportRequirements(settings)], { env: pythonEnv });
  writeFileSync(installedFile, requirements);
}

/** Exports the weights to `out` and checks the export; throws saying what is wrong. */
export async function exportUltralytics(settings: ExportSettings, weights: string, out: string): Promise<void> {
  await ensureVenv(settings);
  console.log(`exporting ${weights} to ONNX (imgsz ${settings.imgsz}, opset ${settings.opset}, no NMS)`);
  await runChecked(venvPython, exportArguments(settings, weights, out), { env: pythonEnv });
  checkExportLayout(readFileSync(out), settings);
}
