import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { startEmulator, type RunningEmulator, type World } from '../emulator/index.js';
import { loadWorld } from '../emulator/world.js';
import { collectAlibaba } from '../../connectors/alibaba/index.js';
import { CONFORMANCE_CASES } from './conformance-cases.js';
import { ENUM_FIELDS, valuesAt } from './enum-fields.js';
import { KNOWN_MISMATCHES } from './known-mismatches.js';
import { walkModel } from './model-walker.js';
import { MODEL_AMENDMENTS } from './model-amendments.js';

/**
 * Issue 18 §2: every emulator answer to every action the connector calls, held to Alibaba's
 * official SDK model of that answer (field names, nesting, types) and to the enum values of
 * enum-fields.ts. A mismatch not in KNOWN_MISMATCHES fails; so does a KNOWN_MISMATCHES entry that
 * no longer occurs.
 */
const DEMO = fileURLToPath(new URL('../emulator/worlds/demo.world.json', import.meta.url));
const AUDITOR = { accessKeyId: 'LTAI5tDemoAuditorKey001', accessKeySecret: 'demoAuditorSecret0000000000000001' };

interface Found {
  action: string;
  path: string;
  message: string;
}

let emu: RunningEmulator;
let world: World;
let connectorCalls: string[];
const found: Found[] = [];
const figures = { actions: 0, withModel: 0, answers: 0, fieldsChecked: 0, enumValuesChecked: 0 };

beforeAll(async () => {
  world = loadWorld(DEMO);
  emu = await startEmulator({ world });
  // The actions the connector calls: run its collection and read what the emulator saw.
  await collectAlibaba({ credentials: AUDITOR, endpoint: emu.url, env: {}, timeoutMs: 5000, retryBaseDelayMs: 5, retryMaxDelayMs: 50 });
  connectorCalls = Object.keys(emu.stats().calls).sort();

  for (const [action, c] of Object.entries(CONFORMANCE_CASES)) {
    const answers = await c.answers({ url: emu.url, key: AUDITOR, world });
    figures.actions++;
    figures.answers += answers.length;
    const model = 'model' in c.model ? c.model.model() : undefined;
    if (model) figures.withModel++;
    for (const answer of answers) {
      if (model) {
        const r = walkModel(answer, model, { xml: c.xml === true, amend: MODEL_AMENDMENTS });
        figures.fieldsChecked += r.fieldsChecked;
        found.push(...r.mismatches.map((m) => ({ action, path: m.path, message: m.message })));
      }
      for (const field of ENUM_FIELDS[action] ?? []) {
        for (const { at, value } of valuesAt(answer, field.path)) {
          figures.enumValuesChecked++;
          if (!field.values.includes(value as string)) found.push({ action, path: at, message: `${JSON.stringify(value)} is not one of ${field.values.map((v) => JSON.stringify(v)).join(', ')}` });
        }
      }
    }
  }
}, 60_000);
afterAll(() => emu?.close());

const isKnown = (f: Found) => KNOWN_MISMATCHES.some((k) => k.action === f.action && k.path.test(f.path));

describe('emulator answers conform to the official Alibaba models', () => {
  it('has a conformance entry for every action the connector calls', () => {
    expect(connectorCalls.length).toBeGreaterThan(40);
    expect(connectorCalls.filter((a) => !(a in CONFORMANCE_CASES))).toEqual([]);
  });

  it('every answer matches its model and enum values (known mismatches aside)', () => {
    expect(figures.answers).toBeGreaterThan(100);
    expect(found.filter((f) => !isKnown(f)).map((f) => `${f.action} ${f.path}: ${f.message}`)).toEqual([]);
  });

  it('every KNOWN_MISMATCHES entry still occurs (remove the ones that are fixed)', () => {
    const stale = KNOWN_MISMATCHES.filter((k) => !found.some((f) => f.action === k.action && k.path.test(f.path)));
    expect(stale.map((k) => `${k.action} ${String(k.path)} (${k.issue})`)).toEqual([]);
  });

  it('checks a real share of the answers against a model', () => {
    // Figures for the closing note; printed so a run shows the coverage.
    console.log(`conformance: ${figures.actions} actions (${figures.withModel} with an official model), ${connectorCalls.length} called by the connector, ${figures.answers} answers, ${figures.fieldsChecked} field values typed, ${figures.enumValuesChecked} enum values`);
    expect(figures.withModel).toBeGreaterThan(figures.actions / 2);
    expect(figures.fieldsChecked).toBeGreaterThan(500);
  });
});
