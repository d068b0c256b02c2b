// Progress on a terminal while an import runs: items done, rate, eta (when the source knows its
// total) and skips so far, drawn by cli-progress on stderr; nothing when stderr is not a terminal.
import { SingleBar } from 'cli-progress';

export interface ImportProgress {
  setTotal(items: number): void;
  update(done: number, skipped: number): void;
  stop(): void;
}

export const silentProgress: ImportProgress = { setTotal() {}, update() {}, stop() {} };

export function terminalProgress(source: string): ImportProgress {
  if (!process.stderr.isTTY) return silentProgress;
  const startedAt = Date.now();
  let total = 0;
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${source} [{bar}] {value}/{total} | {rate}/s | eta {eta_formatted} | skipped {skipped}`,
    etaBuffer: 50,
    hideCursor: true,
  });
  bar.start(0, 0, { rate: '0', skipped: 0 });
  const rate = (done: number) => (done / Math.max(0.001, (Date.now() - startedAt) / 1000)).toFixed(0);
  return {
    setTotal(items) {
      total = items;
      bar.setTotal(items);
    },
    update(done, skipped) {
      // A source that cannot count its items ahead shows its count, without a bar's end.
      if (total < done) bar.setTotal(done);
      bar.update(done, { rate: rate(done), skipped });
    },
    stop() {
      bar.stop();
    },
  };
}
