import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;
const { History } = temporal.api.history.v1;

/**
 * Recorded workflow histories as files: the History message as a plain object (64-bit numbers and
 * bytes as strings, enums by name), read back with the same message type. The SDK's own JSON
 * helpers are not used: they need the reflection types of a second protobufjs copy.
 */
export function historyToFile(history: History): string {
  return `${JSON.stringify(History.toObject(History.fromObject(history), { longs: String, enums: String, bytes: String }), null, 1)}\n`;
}

export function historyFromFile(path: string): History {
  return History.fromObject(JSON.parse(readFileSync(path, 'utf8')));
}

/** Every recorded history under a workflows folder: `<root>/<name>/histories/*.json`. */
export function recordedHistories(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      const dir = join(root, d.name, 'histories');
      try {
        return readdirSync(dir)
          .filter((f) => f.endsWith('.json'))
          .map((f) => join(dir, f));
      } catch {
        return [];
      }
    });
}
