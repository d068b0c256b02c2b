// What every benchmark shares: option parsing, percentiles and the line that says what machine ran it.
import { InvalidArgumentError } from 'commander';
import { cpus, platform } from 'node:os';

export function positiveInteger(value: string): number {
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

export function machineLine(): string {
  const [first] = cpus();
  return `machine: ${cpus().length} × ${first?.model.trim() ?? 'unknown CPU'}, ${platform()}, Node ${process.version}`;
}
