/** The scenarios a server knows, by name, and the error for a name it does not. */
import { OcpError } from '../contract/errors.js';
import type { LoadedScenario } from './loader.js';
import type { Scenario } from './schema.js';

export class ScenarioRegistry {
  private byName: Map<string, LoadedScenario>;
  constructor(loaded: readonly LoadedScenario[]) {
    this.byName = new Map(loaded.map((l) => [l.scenario.name, l]));
  }
  /** Another set of scenarios in force (`--watch`); tasks keep what theirs resolved to. */
  replace(loaded: readonly LoadedScenario[]): void {
    this.byName = new Map(loaded.map((l) => [l.scenario.name, l]));
  }
  names(): string[] {
    return [...this.byName.keys()].sort();
  }
  list(): LoadedScenario[] {
    return this.names().map((n) => this.byName.get(n) as LoadedScenario);
  }
  has(name: string): boolean {
    return this.byName.has(name);
  }
  /** The scenario, or a 400 COM10001 that lists the known names. */
  get(name: string, where = 'scenario'): Scenario {
    const found = this.byName.get(name);
    if (!found) {
      throw new OcpError('invalidParameter', [where], {
        subErrors: [{ object: 'scenario', field: where, rejectedValue: name, message: `unknown scenario "${name}"; known: ${this.names().join(', ')}` }],
      });
    }
    return found.scenario;
  }
}
